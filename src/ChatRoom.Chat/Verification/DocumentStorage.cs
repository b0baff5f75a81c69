using System.ComponentModel.DataAnnotations;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatRoom.Chat.Verification;

public sealed class DocumentStorageOptions
{
    public const string SectionName = "DocumentStorage";
    public const string ConnectionName = "blobs";

    /// <summary>The private blob container identity documents are kept in; made on first use.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "DocumentStorage:Container must be a valid blob container name.")]
    public string Container { get; set; } = "identity-documents";

    /// <summary>The private blob container files attached to messages are kept in; made on first use.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "DocumentStorage:AttachmentContainer must be a valid blob container name.")]
    public string AttachmentContainer { get; set; } = "attachments";

    /// <summary>The private blob container listings' photos are kept in; made on first use.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "DocumentStorage:ListingPhotoContainer must be a valid blob container name.")]
    public string ListingPhotoContainer { get; set; } = "listing-photos";
}

/// <summary>
/// Files in a private container of Azure Blob Storage (Azurite locally) that no one reads without the account key:
/// they are only ever streamed through the Api to someone allowed to see them. Without <c>ConnectionStrings__blobs</c>
/// nothing can be stored and <see cref="Available"/> is false.
/// </summary>
public abstract class PrivateBlobs(BlobServiceClient? service, string container)
{
    private volatile bool _containerExists;

    public bool Available => service is not null;

    private BlobContainerClient Container => (service ?? throw new InvalidOperationException(
        $"No blob storage is configured (ConnectionStrings__{DocumentStorageOptions.ConnectionName}).")).GetBlobContainerClient(container);

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

    /// <summary>
    /// Stores a new file, or answers false when the storage refused it or could not be reached: logged as an error naming
    /// <paramref name="what"/>, for the caller to answer 503.
    /// </summary>
    public async Task<bool> TryUploadAsync(string blobName, Stream content, string contentType, ILogger logger, string what, CancellationToken ct)
    {
        try
        {
            await UploadAsync(blobName, content, contentType, ct);
            return true;
        }
        catch (RequestFailedException ex)
        {
            logger.LogError(ex, "Could not store {What} in blob storage ({BlobName})", what, blobName);
            return false;
        }
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

    /// <summary>Where a user's file is kept: under the user's id, so all of one person's files can be found.</summary>
    public static string BlobNameFor(Guid userId, Guid fileId) => $"{userId:N}/{fileId:N}";
}

/// <summary>Identity documents, in their own container (<see cref="DocumentStorageOptions.Container"/>).</summary>
public sealed class DocumentStorage(BlobServiceClient? service, IOptions<DocumentStorageOptions> options)
    : PrivateBlobs(service, options.Value.Container);

/// <summary>Files attached to messages, in their own container (<see cref="DocumentStorageOptions.AttachmentContainer"/>).</summary>
public sealed class AttachmentStorage(BlobServiceClient? service, IOptions<DocumentStorageOptions> options)
    : PrivateBlobs(service, options.Value.AttachmentContainer);

/// <summary>Photos of marketplace listings, in their own container (<see cref="DocumentStorageOptions.ListingPhotoContainer"/>).</summary>
public sealed class ListingPhotoStorage(BlobServiceClient? service, IOptions<DocumentStorageOptions> options)
    : PrivateBlobs(service, options.Value.ListingPhotoContainer);

public static class DocumentStorageRegistration
{
    // One client (and connection pool) for both containers; null when no storage is configured.
    private sealed record BlobClientHolder(BlobServiceClient? Service);

    public static IHostApplicationBuilder AddDocumentStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentStorageOptions>().BindConfiguration(DocumentStorageOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString(DocumentStorageOptions.ConnectionName);
        builder.Services.TryAddSingleton(_ => new BlobClientHolder(
            string.IsNullOrWhiteSpace(connectionString) ? null : new BlobServiceClient(connectionString)));
        builder.Services.TryAddSingleton(sp => new DocumentStorage(
            sp.GetRequiredService<BlobClientHolder>().Service, sp.GetRequiredService<IOptions<DocumentStorageOptions>>()));
        builder.Services.TryAddSingleton(sp => new AttachmentStorage(
            sp.GetRequiredService<BlobClientHolder>().Service, sp.GetRequiredService<IOptions<DocumentStorageOptions>>()));
        builder.Services.TryAddSingleton(sp => new ListingPhotoStorage(
            sp.GetRequiredService<BlobClientHolder>().Service, sp.GetRequiredService<IOptions<DocumentStorageOptions>>()));
        return builder;
    }
}
