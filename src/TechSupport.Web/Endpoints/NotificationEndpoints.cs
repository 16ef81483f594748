using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Notifications;

namespace TechSupport.Web.Endpoints;

public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");

        notifications.MapGet("/", async (ISender sender, CancellationToken ct,
            [FromQuery] string? unread, [FromQuery] string? page, [FromQuery] string? pageSize) =>
        {
            var unreadOnly = unread is not null
                && (bool.TryParse(unread, out var only) ? only : throw Invalid.Field("unread", "Give true or false."));
            return TypedResults.Ok(await sender.Send(
                new NotificationList(unreadOnly, Http.Int(page, "page"), Http.Int(pageSize, "pageSize")), ct));
        }).WithSummary("The caller's notifications about faults they may see, newest first: {total, unread, items}.");

        notifications.MapPost("/{id:guid}/read", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MarkNotificationRead(id), ct)))
            .WithSummary("Mark one of the caller's notifications read.");

        notifications.MapPost("/read-all", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MarkAllNotificationsRead(), ct)))
            .WithSummary("Mark every notification the caller can see read: {marked}.");
    }
}
