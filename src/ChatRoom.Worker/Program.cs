using ChatRoom.Data;
using ChatRoom.Realtime;
using ChatRoom.Worker.Jobs;
using ChatRoom.Worker.Moderation;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddNpgsqlDbContext<ChatDbContext>("chatdb", options => options.UseChatRoomConventions());
builder.AddRedisClient("redis");
builder.AddChatPublishing();
builder.AddJobs();
builder.AddModeration();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
