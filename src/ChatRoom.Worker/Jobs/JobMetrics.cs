using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatRoom.Worker.Jobs;

public sealed class JobMetrics
{
    public const string MeterName = "ChatRoom.Worker";

    private readonly Counter<long> _runs;
    private readonly Histogram<double> _duration;

    public JobMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("chatroom.worker.job.runs", description: "Job runs, by job and outcome.");
        _duration = meter.CreateHistogram<double>("chatroom.worker.job.duration", unit: "s", description: "Time one job run took.");
    }

    public void RecordRun(string job, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", succeeded ? "success" : "failure" } };
        _runs.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}
