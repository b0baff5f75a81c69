using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace ChatRoom.Web;

/// <summary>
/// Passive health check: the first request a replica fails (refused connection, reset, timeout, broken stream)
/// takes it out of the rotation at once, until the cluster's reactivation period has passed.
/// </summary>
/// <remarks>
/// YARP's own TransportFailureRate policy judges a failure rate over a 60-second window and only after ten requests,
/// so on a quiet installation a dead replica would keep failing every other request until the active check noticed.
/// A false alarm here costs little: the replica is back after the reactivation period if its probes pass.
/// </remarks>
internal sealed class FirstFailureHealthPolicy(IDestinationHealthUpdater healthUpdater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "FirstFailure";

    private static readonly TimeSpan DefaultReactivationPeriod = TimeSpan.FromSeconds(15);

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        // Successes leave the state alone: a request that started before the replica died may still finish well,
        // and must not cancel the verdict of one that failed after.
        if (!DestinationFailed(context))
            return;
        var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivationPeriod;
        healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
    }

    private static bool DestinationFailed(HttpContext context)
    {
        // A browser that went away is not the replica's fault.
        if (context.RequestAborted.IsCancellationRequested)
            return false;
        return context.GetForwarderErrorFeature()?.Error is ForwarderError.Request or ForwarderError.RequestTimedOut
            or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination
            or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination;
    }
}
