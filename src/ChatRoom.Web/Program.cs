using ChatRoom.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTrustedProxies();
builder.AddSecurityHeaders();
builder.AddSpaHosting();
builder.AddApiProxy();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseSpaStaticFiles();

app.MapDefaultEndpoints();
app.MapApiProxy();
app.MapSpaFallback();

app.Run();
