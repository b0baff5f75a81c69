using ChatRoom.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSecurityHeaders();
builder.AddSpaHosting();
builder.AddApiProxy();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseSpaStaticFiles();

app.MapDefaultEndpoints();
app.MapApiProxy();
app.MapSpaFallback();

app.Run();
