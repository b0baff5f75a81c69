using ChatRoom.Realtime;
using ChatRoom.Worker.Jobs;
using ChatRoom.Worker.Marketplace;
using ChatRoom.Worker.Moderation;
using ChatRoom.Worker.Verification;

var builder = WebApplication.CreateBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddNpgsqlDbContext<ChatDbContext>("chatdb", configureDbContextOptions: options => options.UseChatRoomConventions());
// Aspire checks the connection string when the first context is made, which in the Worker may be minutes
// after start; building the options at start makes a missing ConnectionStrings__chatdb stop it at once.
builder.Services.ActivateSingleton<DbContextOptions<ChatDbContext>>();
builder.AddRedisClient("redis",
    // An empty ConnectionStrings__redis is reported as missing, by name, not as an unparsable value.
    configureSettings: redis => redis.ConnectionString = string.IsNullOrWhiteSpace(redis.ConnectionString) ? null : redis.ConnectionString,
    configureOptions: redis => redis.AbortOnConnectFail = false);
builder.AddChatPublishing();
builder.AddJobs();
builder.AddModeration();
builder.AddVerification();
builder.AddMarketplace();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
