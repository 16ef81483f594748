using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Identity;
using TechSupport.Application.Outbox;
using TechSupport.Domain;

namespace TechSupport.Application.Data;

public sealed class TechSupportDbContext(
    DbContextOptions<TechSupportDbContext> options,
    ICurrentUser? currentUser = null,
    TimeProvider? clock = null,
    WriteGate? gate = null)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Suite> Suites => Set<Suite>();
    public DbSet<Equipment> Equipment => Set<Equipment>();
    public DbSet<Production> Productions => Set<Production>();
    public DbSet<ConfigurationRevision> ConfigurationRevisions => Set<ConfigurationRevision>();
    public DbSet<Fault> Faults => Set<Fault>();
    public DbSet<FaultEvent> FaultEvents => Set<FaultEvent>();
    public DbSet<ProductionClearance> Clearances => Set<ProductionClearance>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<Workaround> Workarounds => Set<Workaround>();
    public DbSet<KnowledgeArticle> Articles => Set<KnowledgeArticle>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<RuleFiring> RuleFirings => Set<RuleFiring>();
    public DbSet<Escalation.StoredPolicy> EscalationPolicy => Set<Escalation.StoredPolicy>();
    public DbSet<Escalation.EscalationLease> Leases => Set<Escalation.EscalationLease>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Notifications.MailMessage> MailOutbox => Set<Notifications.MailMessage>();
    public DbSet<Integrations.MonitoringAlert> MonitoringAlerts => Set<Integrations.MonitoringAlert>();
    public DbSet<Attachments.Attachment> Attachments => Set<Attachments.Attachment>();
    public DbSet<TokenSession> TokenSessions => Set<TokenSession>();

    private readonly List<AuditTrail.Change> _noted = [];

    // An audit event that is no change to a row (S6's reads, a refused attempt), written with the next
    // save, in the chain; ReadAudit saves at once outside a command.
    internal void QueueAuditEvent(string action, string entityType, string entityId, string what) =>
        _noted.Add(new AuditTrail.Change(action, entityType, entityId, null, what));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TechSupportDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enumerations are stored as their names: readable in the database and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        if (Database.IsSqlite())
        {
            // SQLite has no date type: binary-encoded DateTimeOffset keeps ordering and comparison in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        Outbox.AddRange(SearchChanges.Collect(ChangeTracker, now));
        var changes = AuditTrail.Collect(ChangeTracker);
        changes.AddRange(_noted);
        _noted.Clear();
        // S7: each event names the hash of the one before it, so two saves must not read the same last
        // event. A command already holds the gate in its transaction; a save outside one (Identity's own
        // writes: failed sign-ins, enrolment; an audited read) takes it here.
        using var turn = changes.Count > 0 && Database.CurrentTransaction is null && gate is not null
            ? await gate.EnterAsync(cancellationToken)
            : null;
        if (changes.Count > 0)
        {
            var previous = await AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.Hash)
                .FirstOrDefaultAsync(cancellationToken) ?? "";
            var actor = currentUser?.Actor ?? Actor.System;
            foreach (var change in changes)
            {
                var audit = AuditEvent.Create(now, actor, change.Action, change.EntityType, change.EntityId,
                    change.Before, change.After, previous);
                AuditEvents.Add(audit);
                previous = audit.Hash;
            }
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Save asynchronously so the audit trail is written in the same transaction.");
}
