using ChatRoom.Api.Infrastructure;
using ChatRoom.Api.Rooms;
using ChatRoom.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<ChatDbContext>("chatdb", options => options.UseChatRoomConventions());
builder.AddRedisClient("redis");
builder.AddApiDocumentation();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapApiDocumentation();
app.MapLounges();

app.Run();
