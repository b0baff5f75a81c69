using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace ChatRoom.Tests.Realtime;

/// <summary>Reads a hub error as a client does: the JSON after "HubException: " in the message.</summary>
public static class HubErrors
{
    private const string Marker = "HubException: ";

    public static HubError Error(this HubException exception)
    {
        var at = exception.Message.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Not a hub error: {exception.Message}");
        return JsonSerializer.Deserialize<HubError>(exception.Message[(at + Marker.Length)..], JsonSerializerOptions.Web)!;
    }

    /// <summary>Asserts the error's code and answers its detail.</summary>
    public static string Detail(this HubException exception, string code)
    {
        var error = exception.Error();
        Assert.Equal(code, error.Code);
        return error.Detail;
    }
}
