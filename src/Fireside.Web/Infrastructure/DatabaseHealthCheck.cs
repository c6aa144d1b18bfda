using Fireside.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fireside.Web.Infrastructure;

/// <summary>/health answers Healthy only when the database answers.</summary>
public sealed class DatabaseHealthCheck(FiresideDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
