using ChatRoom.Api.Admin;
using ChatRoom.Api.Attachments;
using ChatRoom.Api.Auth;
using ChatRoom.Api.Conversations;
using ChatRoom.Api.Marketplace;
using ChatRoom.Api.Messages;
using ChatRoom.Api.Moderation;
using ChatRoom.Api.Notifications;
using ChatRoom.Api.Presence;
using ChatRoom.Api.ReadMarkers;
using ChatRoom.Api.Realtime;
using ChatRoom.Api.Rooms;
using ChatRoom.Api.Search;
using ChatRoom.Api.Users;
using ChatRoom.Api.Verification;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatDatabase();
builder.AddRedisClient("redis",
    // An empty ConnectionStrings__redis is reported as missing, by name, not as an unparsable value.
    configureSettings: redis => redis.ConnectionString = string.IsNullOrWhiteSpace(redis.ConnectionString) ? null : redis.ConnectionString,
    configureOptions: redis => redis.AbortOnConnectFail = false);
builder.AddErrorHandling();
builder.Services.AddValidation();
builder.AddTrustedProxies();
builder.AddHttpSecurity();
builder.AddAuth();
builder.AddRateLimits();
builder.AddRealtime();
builder.AddModeration();
builder.AddPhoneVerification();
builder.AddIdentityVerification();
builder.AddConversations();
builder.AddSearch();
builder.AddMarketplace();
builder.AddPurchases();
builder.AddApiDocumentation();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpSecurity();
app.UseQueryStringGuard();
app.UseHubOriginCheck();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapApiDocumentation();
app.MapAuth();
app.MapUsers();
app.MapPhoneVerification();
app.MapIdentityVerification();
app.MapAudit();
app.MapLounges();
app.MapRooms();
app.MapConversations();
app.MapRoomAdmin();
app.MapMessages();
app.MapAttachments();
app.MapReadMarkers();
app.MapNotifications();
app.MapSearch();
app.MapMarketplace();
app.MapPurchases();
app.MapPresence();
app.MapModeration();
app.MapRealtime();

app.Run();
