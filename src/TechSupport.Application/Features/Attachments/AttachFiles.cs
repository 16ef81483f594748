using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Attachments;

// Records files an upload has already received and checked (PendingUpload): their bytes go into place and their
// rows are added in one unit of work, so a file is stored exactly when its row is.
public sealed record AttachFiles(Guid FaultId, IReadOnlyList<StagedAttachment> Files) : ICommand<Page<AttachmentView>>;

public sealed class AttachFilesValidator : AbstractValidator<AttachFiles>
{
    public AttachFilesValidator()
    {
        RuleFor(x => x.Files).NotEmpty().WithMessage("Choose at least one file to attach.").OverridePropertyName("file");
        RuleFor(x => x.Files.Count).LessThanOrEqualTo(AttachmentSettings.MaxFilesPerUpload)
            .WithMessage($"Attach at most {AttachmentSettings.MaxFilesPerUpload} files at a time.").OverridePropertyName("file");
    }
}

public sealed class AttachFilesHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock, AttachmentStore store)
    : ICommandHandler<AttachFiles, Page<AttachmentView>>
{
    public async ValueTask<Page<AttachmentView>> Handle(AttachFiles command, CancellationToken cancellationToken)
    {
        var fault = await db.Faults.VisibleTo(user).Where(f => f.Id == command.FaultId)
            .Select(f => new { f.Classification, f.AttachmentsLocked })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("fault");
        AttachmentAccess.CheckMayAdd(fault.AttachmentsLocked, user);

        var now = clock.GetUtcNow();
        var added = new List<Attachment>();
        foreach (var file in command.Files)
        {
            // The files were judged against the classification the fault had when the upload began; one raised since
            // may refuse media (S4) or need the file sealed (S5).
            if (ContentDetector.Admit(ContentVerdict.Of(file.Kind, file.ContentType), fault.Classification).Refusal is { } refusal)
            {
                throw Invalid.Field("file", refusal);
            }

            if (file.Encrypted != (fault.Classification == Classification.Restricted))
            {
                throw new DomainRuleException("The fault's classification changed while the files were uploading; attach them again.");
            }

            var attachment = new Attachment
            {
                Id = file.Id,
                FaultId = command.FaultId,
                FileName = file.FileName,
                Kind = file.Kind,
                ContentType = file.ContentType,
                Size = file.Size,
                Sha256 = file.Sha256,
                Encrypted = file.Encrypted,
                UploadedAt = now,
                UploadedById = user.Id,
                UploadedByName = user.Name,
            };
            store.Place(file);
            db.Attachments.Add(attachment);
            added.Add(attachment);
        }

        return new Page<AttachmentView>(added.Count, [.. added.Select(AttachmentView.From)]);
    }
}
