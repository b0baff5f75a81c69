using ChatRoom.Tests.Realtime;

namespace ChatRoom.Tests.Verification;

/// <summary>A Worker without OCR never approves or drops a document: it goes to the moderators marked unreadable, saying why.</summary>
public sealed class DocumentReaderFailureTests(DocumentReaderFailureTests.Server server) : IClassFixture<DocumentReaderFailureTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        private Dictionary<string, string> _blobs = [];
        private WorkerFactory? _worker;

        protected override (string Key, string Value)[] Settings => [.. _blobs.Select(s => (s.Key, s.Value))];

        public override async ValueTask InitializeAsync()
        {
            _blobs = await Infrastructure.BlobStorageSettingsAsync();
            await base.InitializeAsync();
            _worker = new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString, new Dictionary<string, string>(_blobs)
            {
                ["Realtime:ChannelPrefix"] = Api.ChannelPrefix,
                ["Jobs:DocumentReading:Interval"] = "00:00:00.200",
                ["Jobs:DocumentReading:Tesseract"] = "/nonexistent/tesseract",
                ["Jobs:DocumentReading:MaxAttempts"] = "1",
            }).Start();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_worker is not null)
                await _worker.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithoutTesseractTheDocumentWaitsForAPersonMarkedUnreadable()
    {
        var member = await ChatApi.SignInAsync(server.Api, "ida");
        await member.SubmitAsync(IdentityDocuments.PngLike());
        var admin = await server.AdminAsync();

        await Eventually.HoldsAsync(async () => (await admin.PendingDocumentOfAsync(member.User.Id)).Read,
            because: "The Worker did not give up on the document.");

        var document = await admin.PendingDocumentOfAsync(member.User.Id);
        Assert.Equal(("Pending", true), (document.Status, document.Unreadable));
        Assert.Contains("not installed", document.ReadNote);
        Assert.False((await member.GetFromJsonAsync<ChatRoom.Api.Verification.IdentityStatusResponse>("/api/me/verification")).AgeVerified);
    }
}
