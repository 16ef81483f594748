using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Application.Identity;
using TechSupport.Application.Notifications;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(500);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Fault>().WithMany().HasForeignKey(n => n.FaultId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MailMessageConfiguration : IEntityTypeConfiguration<MailMessage>
{
    public void Configure(EntityTypeBuilder<MailMessage> builder)
    {
        builder.ToTable("MailOutbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(8_000);
        builder.Property(m => m.LastError).HasMaxLength(1_000);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
