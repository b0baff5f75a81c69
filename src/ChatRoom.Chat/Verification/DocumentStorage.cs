using System.ComponentModel.DataAnnotations;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatRoom.Chat.Verification;

public sealed class DocumentStorageOptions
{
    public const string SectionName = "DocumentStorage";
    public const string ConnectionName = "blobs";

    /// <summary>The private blob container identity documents are kept in; made on first use.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "DocumentStorage:Container must be a valid blob container name.")]
    public string Container { get; set; } = "identity-documents";
}

/// <summary>
/// Identity documents in Azure Blob Storage (Azurite locally), in a container no one reads without the account key:
/// files are only ever streamed through the Api to someone allowed to see them. Without <c>ConnectionStrings__blobs</c>
/// nothing can be stored and <see cref="Available"/> is false.
/// </summary>
public sealed class DocumentStorage(BlobServiceClient? service, IOptions<DocumentStorageOptions> options)
{
    private volatile bool _containerExists;

    public bool Available => service is not null;

    private BlobContainerClient Container => (service ?? throw new InvalidOperationException(
        $"No blob storage is configured (ConnectionStrings__{DocumentStorageOptions.ConnectionName}).")).GetBlobContainerClient(options.Value.Container);

    /// <summary>Stores a new file; never replaces one (names are new ids).</summary>
    public async Task UploadAsync(string blobName, Stream content, string contentType, CancellationToken ct)
    {
        if (!_containerExists)
        {
            await Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
            _containerExists = true;
        }
        await Container.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, ct);
    }

    /// <summary>The file's content to stream, or null when it is gone.</summary>
    public async Task<Stream?> OpenAsync(string blobName, CancellationToken ct)
    {
        try
        {
            var download = await Container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: ct);
            return download.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string blobName, CancellationToken ct) =>
        await Container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);

    /// <summary>Where a user's document is kept: under the user's id, so all of one person's files can be found.</summary>
    public static string BlobNameFor(Guid userId, Guid documentId) => $"{userId:N}/{documentId:N}";
}

public static class DocumentStorageRegistration
{
    public static IHostApplicationBuilder AddDocumentStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentStorageOptions>().BindConfiguration(DocumentStorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString(DocumentStorageOptions.ConnectionName);
        builder.Services.AddSingleton(sp => new DocumentStorage(
            string.IsNullOrWhiteSpace(connectionString) ? null : new BlobServiceClient(connectionString),
            sp.GetRequiredService<IOptions<DocumentStorageOptions>>()));
        return builder;
    }
}
