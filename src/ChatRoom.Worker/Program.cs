using ChatRoom.Data;
using ChatRoom.Worker.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddNpgsqlDbContext<ChatDbContext>("chatdb", options => options.UseChatRoomConventions());
builder.AddRedisClient("redis");
builder.AddJobs();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
