using System.Text.Json.Nodes;
using ChatRoom.Api.Infrastructure;

namespace ChatRoom.Tests.Contracts;

/// <summary>
/// The OpenAPI document the Api serves is the one checked in beside it (which the build writes, and from which the
/// SPA's types are generated), and it carries the contracts no endpoint declares: the hub's records and every error code.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string CheckedIn = Path.Combine(BuiltOutput.RepositoryRoot, "src", "ChatRoom.Api", "ChatRoom.Api.json");
    private readonly ApiFactory _api = fixture.Api;

    [Fact]
    public async Task TheServedDocumentIsTheCheckedInOne()
    {
        var served = await ServedAsync();
        // The served copy names the server it came from; the checked-in one, written without a server, does not.
        served.Remove("servers");

        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn, TestContext.Current.CancellationToken))!;

        Assert.True(JsonNode.DeepEquals(checkedIn, served),
            $"{CheckedIn} is stale: build src/ChatRoom.Api (it rewrites the file), run `npm run generate:api` in " +
            "src/ChatRoom.Web/ClientApp, and commit both files.");
    }

    [Fact]
    public async Task EveryErrorCodeAndEveryHubRecordIsInTheDocument()
    {
        var schemas = (await ServedAsync())["components"]!["schemas"]!.AsObject();

        var codes = schemas[WireContracts.ErrorCodeSchema]!["enum"]!.AsArray().Select(c => c!.GetValue<string>());
        Assert.Equal(typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal), codes);

        string[] hubRecords = [nameof(MessageDto), nameof(MessageDeletedEvent), nameof(RoomMemberEvent), nameof(TypingEvent),
            nameof(PresenceEvent), nameof(SessionRevokedEvent), nameof(ModerationNoticeEvent), nameof(RoomInfo),
            nameof(RoomHeadEvent), nameof(JoinRoomResult), nameof(SendAck), nameof(CatchUpResult), nameof(HubError)];
        Assert.All(hubRecords, name => Assert.True(schemas.ContainsKey(name), $"{name} is missing from the document."));
        Assert.Equal("#/components/schemas/ErrorCode", schemas[nameof(HubError)]!["properties"]!["code"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ErrorCode", schemas[WireContracts.ProblemSchema]!["properties"]!["code"]!["$ref"]!.GetValue<string>());
        // Everything a record always writes is required, so the SPA's types do not make it optional.
        Assert.Equal(["id", "roomId", "seq", "changeSeq", "createdAt"],
            schemas[nameof(SendAck)]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    private async Task<JsonObject> ServedAsync()
    {
        using var client = _api.CreateClient();
        var text = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!.AsObject();
    }
}
