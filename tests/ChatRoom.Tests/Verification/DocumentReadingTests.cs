using ChatRoom.Api.Verification;
using ChatRoom.Tests.Realtime;
using Microsoft.Playwright;

namespace ChatRoom.Tests.Verification;

/// <summary>
/// The Worker reads uploaded documents with the machine's Tesseract and shows moderators what it found; it deletes
/// them from Azurite after their review (retention here: none) and with their owner's account.
/// </summary>
public sealed class DocumentReadingTests(DocumentReadingTests.Server server) : IClassFixture<DocumentReadingTests.Server>
{
    public sealed class Server(TestInfrastructure infrastructure) : ChatServerFixture(infrastructure)
    {
        private Dictionary<string, string> _blobs = [];
        private WorkerFactory? _worker;

        public DocumentRenderer Renderer { get; } = new();

        protected override (string Key, string Value)[] Settings => [.. _blobs.Select(s => (s.Key, s.Value))];

        public override async ValueTask InitializeAsync()
        {
            _blobs = await Infrastructure.BlobStorageSettingsAsync();
            await base.InitializeAsync();
            await Renderer.InitializeAsync();
            _worker = new WorkerFactory(Api.DatabaseConnectionString, Api.RedisConnectionString, new Dictionary<string, string>(_blobs)
            {
                ["Realtime:ChannelPrefix"] = Api.ChannelPrefix,
                ["Jobs:DocumentReading:Interval"] = "00:00:00.200",
                ["Jobs:DocumentRetention:Interval"] = "00:00:00.200",
                ["Jobs:DocumentRetention:Retention"] = "00:00:00",
            }).Start();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_worker is not null)
                await _worker.DisposeAsync();
            await Renderer.DisposeAsync();
            await base.DisposeAsync();
        }

        /// <summary>A new member's document, once the Worker has read it.</summary>
        public async Task<(Session Member, IdentityReviewItem Document)> ReadAsync(byte[] content)
        {
            var member = await ChatApi.SignInAsync(Api, "ida");
            await member.SubmitAsync(content);
            var admin = await AdminAsync();
            IdentityReviewItem? document = null;
            await Eventually.HoldsAsync(async () => (document = await admin.PendingDocumentOfAsync(member.User.Id)).Read,
                within: TimeSpan.FromSeconds(60), because: "The Worker did not read the document.");
            return (member, document!);
        }
    }

    private static readonly string[] Card =
    [
        "REPUBLIC OF EXAMPLE", "IDENTITY CARD", "Surname: MUSTERMANN", "Given names: ERIKA", "Date of birth: 12.08.1990",
        "Document No: L01X00T47",
    ];

    [Fact]
    public async Task ThePictureOfACardGivesTheReviewerItsHoldersNameBirthDateAgeAndMaskedNumber()
    {
        var (_, document) = await server.ReadAsync(await server.Renderer.PictureAsync(DocumentRenderer.Card(Card)));

        Assert.False(document.Unreadable);
        Assert.Equal("ERIKA MUSTERMANN", document.HintName);
        Assert.Equal(new DateOnly(1990, 8, 12), document.HintDateOfBirth);
        Assert.True(document.HintAge >= 36);
        Assert.Equal("••••••T47", document.HintDocumentNumber);
    }

    [Fact]
    public async Task APhotographedCardAndAScannedPdfAreReadToo()
    {
        var (_, jpeg) = await server.ReadAsync(await server.Renderer.PictureAsync(DocumentRenderer.Card(Card), ScreenshotType.Jpeg));
        var (_, pdf) = await server.ReadAsync(await server.Renderer.PdfAsync(DocumentRenderer.Card(Card)));

        Assert.Equal(("image/jpeg", new DateOnly(1990, 8, 12)), (jpeg.ContentType, jpeg.HintDateOfBirth));
        Assert.Equal(("application/pdf", new DateOnly(1990, 8, 12)), (pdf.ContentType, pdf.HintDateOfBirth));
        Assert.Equal("ERIKA MUSTERMANN", pdf.HintName);
    }

    [Fact]
    public async Task ADocumentWithoutTextIsMarkedUnreadableAndStillWaitsForAPerson()
    {
        var (member, document) = await server.ReadAsync(await server.Renderer.PictureAsync("<div style=\"width: 600px; height: 400px; background: #fff\"></div>"));

        Assert.True(document.Unreadable);
        Assert.NotNull(document.ReadNote);
        Assert.Equal("Pending", document.Status);
        Assert.Equal("Pending", (await member.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification")).Status);
    }

    [Fact]
    public async Task AReviewedDocumentIsDeletedFromStorageWithItsHints()
    {
        var (member, document) = await server.ReadAsync(await server.Renderer.PictureAsync(DocumentRenderer.Card(Card)));
        var admin = await server.AdminAsync();

        using (var approved = await admin.DecideAsync(document.Id, approve: true, reason: null))
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        // The file goes first, then its row is marked and audited: done when the audit says so.
        await Eventually.HoldsAsync(async () =>
            (await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, document.Id)).Contains("identity.delete"),
            because: "The reviewed document was not deleted after its retention period (none here).");
        using var gone = await admin.GetAsync($"/api/admin/moderation/identity-documents/{document.Id}/file");
        await AuthApi.ReadProblemAsync(gone, HttpStatusCode.Gone, ErrorCodes.IdentityDocumentDeleted);
        Assert.True((await member.GetFromJsonAsync<IdentityStatusResponse>("/api/me/verification")).AgeVerified);
        // The looks at the file while waiting for its deletion are audited too.
        Assert.Equal(["identity.submit", "identity.approve", "identity.delete"],
            (await AuditLog.ActionsOnAsync(server.Api.DatabaseConnectionString, document.Id)).Where(a => a != "identity.view"));
    }

    [Fact]
    public async Task DeletingAnAccountDeletesItsDocumentsEvenUnreviewed()
    {
        var (member, document) = await server.ReadAsync(IdentityDocuments.PngLike());
        var admin = await server.AdminAsync();

        using (var deleted = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{member.User.Id}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await Eventually.HoldsAsync(async () =>
        {
            using var file = await admin.GetAsync($"/api/admin/moderation/identity-documents/{document.Id}/file");
            return file.StatusCode is HttpStatusCode.Gone or HttpStatusCode.NotFound && await StoredDocumentDeletedAsync(document.Id);
        }, because: "The deleted account's document was not deleted from storage.");
    }

    private async Task<bool> StoredDocumentDeletedAsync(Guid documentId)
    {
        await using var db = new Npgsql.NpgsqlConnection(server.Api.DatabaseConnectionString);
        await db.OpenAsync(AuthApi.Ct);
        await using var read = new Npgsql.NpgsqlCommand("SELECT document_deleted_at IS NOT NULL AND hint_name IS NULL FROM identity_documents WHERE id = @id", db);
        read.Parameters.AddWithValue("id", documentId);
        return (bool)(await read.ExecuteScalarAsync(AuthApi.Ct))!;
    }
}
