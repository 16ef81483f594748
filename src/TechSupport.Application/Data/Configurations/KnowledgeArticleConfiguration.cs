using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> builder)
    {
        builder.ToTable("KnowledgeArticles");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(FaultConfiguration.TitleLength);
        builder.Property(a => a.Symptoms).HasMaxLength(FaultConfiguration.TextLength);
        builder.Property(a => a.Cause).HasMaxLength(FaultConfiguration.TextLength);
        builder.Property(a => a.Fix).HasMaxLength(FaultConfiguration.TextLength);
        builder.Property(a => a.Workaround).HasMaxLength(FaultConfiguration.TextLength);
        builder.Property(a => a.WorkaroundConditions).HasMaxLength(WorkaroundConfiguration.ConditionsLength);
        builder.Property(a => a.AppliesTo).HasMaxLength(500);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Production>().WithMany().HasForeignKey(a => a.ProductionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Fault>().WithMany().HasForeignKey(a => a.SourceFaultId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.SourceFaultId);
    }
}
