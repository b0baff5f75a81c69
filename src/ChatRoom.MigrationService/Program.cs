using ChatRoom.Data;
using ChatRoom.MigrationService;

var builder = Host.CreateApplicationBuilder(args);

builder.AddBasicServiceDefaults();
builder.AddNpgsqlDbContext<ChatDbContext>("chatdb", configureDbContextOptions: options => options.UseChatRoomConventions());
builder.AddSeeding();
builder.Services.AddHostedService<MigrationWorker>();

builder.Build().Run();
