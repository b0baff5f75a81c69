using ChatRoom.Data;
using ChatRoom.Realtime;
using ChatRoom.Worker.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddNpgsqlDbContext<ChatDbContext>("chatdb", options => options.UseChatRoomConventions());
builder.AddRedisClient("redis");
builder.AddChatPublishing();
builder.AddJobs();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
