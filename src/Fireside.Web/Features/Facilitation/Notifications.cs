using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Fireside.Web.Features.Facilitation;

/// <summary>Where Fireside sends invitations and requests (section "Notifications"). Both channels are optional.</summary>
public sealed class NotificationOptions
{
    /// <summary>The address people use to reach Fireside, for links in messages (such as https://fireside.example.com).</summary>
    [Url]
    public string? PublicUrl { get; set; }

    /// <summary>Fireside's address for links that leave this request (email, exports): the configured one, else the one the request came in on; no trailing slash.</summary>
    public string SiteUrl(HttpContext http) =>
        (PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}").TrimEnd('/');

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>A Slack-compatible incoming webhook; messages are posted as <c>{"text": …}</c>.</summary>
    [Url]
    public string? WebhookUrl { get; set; }

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        [Range(1, 65535)]
        public int Port { get; set; } = 25;

        /// <summary>None, StartTls, SslOnConnect or Auto (the default: TLS when the server offers it).</summary>
        public string Security { get; set; } = "Auto";
        public string? UserName { get; set; }

        /// <summary>Never logged.</summary>
        public string? Password { get; set; }
        public string From { get; set; } = "fireside@localhost";
    }
}

/// <summary>One message for people: a subject, plain text, a link, and maybe a calendar invitation.</summary>
/// <param name="Private">For the addressed people only (a password reset link): never posted to a shared channel such as the webhook.</param>
public sealed record Notification(string Subject, string Text, IReadOnlyList<(string Name, string Email)> To, string? Link = null, string? CalendarInvitation = null, bool Private = false);

/// <summary>A way to reach people. A seam: email and webhook are the two real ones.</summary>
public interface INotificationChannel
{
    string Name { get; }

    bool IsConfigured { get; }

    /// <summary>Reaches only the addressed people (email), rather than a shared place (a chat channel).</summary>
    bool IsPersonal { get; }

    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>Email over SMTP (MailKit); the invitation travels as a text/calendar part, which calendar apps read.</summary>
public sealed class EmailChannel(Microsoft.Extensions.Options.IOptions<NotificationOptions> options) : INotificationChannel
{
    private NotificationOptions.SmtpSettings Smtp => options.Value.Smtp;

    public string Name => "email";

    public bool IsPersonal => true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Smtp.Host);

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var recipients = notification.To.Where(t => !string.IsNullOrWhiteSpace(t.Email)).ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var message = new MimeMessage { Subject = notification.Subject };
        message.From.Add(MailboxAddress.Parse(Smtp.From));
        message.To.AddRange(recipients.Select(r => new MailboxAddress(r.Name, r.Email)));
        var body = new BodyBuilder { TextBody = notification.Link is null ? notification.Text : $"{notification.Text}\n\n{notification.Link}\n" };
        if (notification.CalendarInvitation is { } ics)
        {
            var invitation = new TextPart("calendar") { Text = ics };
            invitation.ContentType.Parameters.Add("method", "REQUEST");
            invitation.ContentType.Charset = "utf-8";
            invitation.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" };
            body.Attachments.Add(invitation);
        }

        message.Body = body.ToMessageBody();
        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(Smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
        await client.ConnectAsync(Smtp.Host!, Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(Smtp.UserName))
        {
            await client.AuthenticateAsync(Smtp.UserName, Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>A post to a Slack-compatible incoming webhook: <c>{"text": "…"}</c>.</summary>
public sealed class WebhookChannel(HttpClient http, Microsoft.Extensions.Options.IOptions<NotificationOptions> options) : INotificationChannel
{
    public string Name => "webhook";

    public bool IsPersonal => false;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.WebhookUrl);

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var text = notification.Link is null ? $"*{notification.Subject}*\n{notification.Text}" : $"*{notification.Subject}*\n{notification.Text}\n<{notification.Link}|Open in Fireside>";
        using var response = await http.PostAsJsonAsync(options.Value.WebhookUrl, new { text }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Sends a notification on every configured channel and says how each went; one failing channel does not stop the others.</summary>
public sealed partial class Notifier(IEnumerable<INotificationChannel> channels, ILogger<Notifier> logger)
{
    public async Task<NotifyResult> SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        var sent = new List<string>();
        var failed = new List<string>();
        foreach (var channel in channels.Where(c => c.IsConfigured && (c.IsPersonal || !notification.Private)))
        {
            try
            {
                await channel.SendAsync(notification, cancellationToken);
                sent.Add(channel.Name);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The exception's message, never the settings: they may hold a password.
                ChannelFailed(logger, channel.Name, e.Message);
                failed.Add($"{channel.Name} ({e.Message})");
            }
        }

        return new NotifyResult(sent, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending by {Channel} did not work: {Reason}")]
    private static partial void ChannelFailed(ILogger logger, string channel, string reason);
}

public sealed record NotifyResult(IReadOnlyList<string> Sent, IReadOnlyList<string> Failed)
{
    public string Describe() =>
        Sent.Count == 0 && Failed.Count == 0 ? "No email or webhook is set up on this Fireside, so nothing was sent. Download the invitation and share it yourself."
        : Failed.Count == 0 ? $"Sent by {string.Join(" and ", Sent)}."
        : $"{(Sent.Count > 0 ? $"Sent by {string.Join(" and ", Sent)}. " : "")}Not sent by {string.Join(", ", Failed)}.";
}

public static class NotificationSetup
{
    public static IServiceCollection AddFiresideNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications").ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient<WebhookChannel>(client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddTransient<INotificationChannel, EmailChannel>();
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        services.AddTransient<Notifier>();
        return services;
    }
}
