using TechSupport.Application.Abstractions;
using TechSupport.Domain;

namespace TechSupport.Application.Attachments;

// Who may do what with a fault's attachments, once the fault itself is visible to them (S3 decides that first).
//
// E5: a security incident locks its fault's attachments, and "locked" is read as evidence under a manager's
// control: nobody removes or replaces a file (no route does, for any fault); only a Manager or an Admin, and only
// one who may see the fault at all, adds a file or downloads one; everyone else who may see the fault (its
// reporter) still sees the list of names and sizes, so they know what evidence is held, and is told plainly why
// they cannot open or add to it. The S5 purge still applies: closing the incident is the managers' decision that
// its material is no longer needed, and the retention runs from then.
internal static class AttachmentAccess
{
    public const string LockedToAdd =
        "This fault is a security incident and its attachments are locked as evidence; only a manager may add files to it.";

    public const string LockedToDownload =
        "This fault is a security incident and its attachments are locked as evidence; only a manager may download them.";

    public static void CheckMayAdd(bool locked, ICurrentUser user)
    {
        if (locked && user.Role < Role.Manager)
        {
            throw new ForbiddenException(LockedToAdd);
        }
    }

    public static void CheckMayDownload(bool locked, ICurrentUser user)
    {
        if (locked && user.Role < Role.Manager)
        {
            throw new ForbiddenException(LockedToDownload);
        }
    }
}
