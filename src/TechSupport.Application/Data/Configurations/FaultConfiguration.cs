using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class FaultConfiguration : IEntityTypeConfiguration<Fault>
{
    public const int TitleLength = 200;
    public const int SymptomsLength = 4_000;
    public const int TextLength = 4_000;
    public const int ExternalRefLength = 100;
    public const int AlertFingerprintLength = 128;

    public void Configure(EntityTypeBuilder<Fault> builder)
    {
        builder.HasKey(f => f.Id);
        // Ids are made in Domain (version 7), so a new child found through a navigation is an insert.
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasIndex(f => f.Number).IsUnique();
        builder.Ignore(f => f.Reference);
        builder.Ignore(f => f.IsOpen);
        builder.Property(f => f.Title).HasMaxLength(TitleLength);
        builder.Property(f => f.Symptoms).HasMaxLength(SymptomsLength);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => new { f.Status, f.CreatedAt });
        builder.HasIndex(f => f.SuiteId);
        builder.HasIndex(f => f.ProductionId);
        builder.HasIndex(f => f.RecurringProblemId);
        builder.Property(f => f.AlertFingerprint).HasMaxLength(AlertFingerprintLength);
        builder.HasIndex(f => f.AlertFingerprint);
        builder.HasIndex(f => new { f.Status, f.SlaDueAt });
        builder.HasIndex(f => f.NextRuleAt);

        builder.HasOne(f => f.Suite).WithMany().HasForeignKey(f => f.SuiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Equipment).WithMany().HasForeignKey(f => f.EquipmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Production).WithMany().HasForeignKey(f => f.ProductionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConfigurationRevision>().WithMany().HasForeignKey(f => f.ConfigurationRevisionId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(f => f.ReportedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(f => f.AssigneeId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsOne(f => f.Targets, t =>
        {
            t.Property(x => x.AcknowledgeBy).HasColumnName("AcknowledgeBy");
            t.Property(x => x.RestoreBy).HasColumnName("RestoreBy");
            t.Property(x => x.ResolveBy).HasColumnName("ResolveBy");
            t.Property(x => x.AcknowledgeWarnAt).HasColumnName("AcknowledgeWarnAt");
            t.Property(x => x.RestoreWarnAt).HasColumnName("RestoreWarnAt");
            t.Property(x => x.ResolveWarnAt).HasColumnName("ResolveWarnAt");
        });
        builder.Navigation(f => f.Targets).IsRequired();
        builder.OwnsOne(f => f.Impact, i =>
        {
            i.Property(x => x.SessionHoursLost).HasColumnName("SessionHoursLost");
            i.Property(x => x.EstimatedCost).HasColumnName("EstimatedCost");
            i.Property(x => x.DeadlineAtRisk).HasColumnName("DeadlineAtRisk");
        });
        builder.Navigation(f => f.Impact).IsRequired();

        builder.Property(f => f.ExternalRef).HasMaxLength(ExternalRefLength);
        builder.HasIndex(f => f.ExternalRef).IsUnique();
        builder.Property(f => f.EquipmentText).HasMaxLength(500);
        builder.OwnsOne(f => f.Resolution, r =>
        {
            r.Property(x => x.Fix).HasColumnName("ResolutionFix").HasMaxLength(TextLength);
            r.Property(x => x.RootCause).HasColumnName("ResolutionRootCause").HasMaxLength(TextLength);
            r.Property(x => x.AppliesTo).HasColumnName("ResolutionAppliesTo").HasMaxLength(500);
            r.Property(x => x.Effectiveness).HasColumnName("ResolutionEffectiveness");
            r.Property(x => x.ResolvedAt).HasColumnName("ResolutionResolvedAt");
            r.Property(x => x.ResolvedById).HasColumnName("ResolutionResolvedById");
        });
        builder.HasMany(f => f.Workarounds).WithOne().HasForeignKey(w => w.FaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Workarounds).HasField("_workarounds").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(f => f.Firings).WithOne().HasForeignKey(r => r.FaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Firings).HasField("_firings").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(f => f.Timeline).WithOne().HasForeignKey(e => e.FaultId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
