using Fireside.Language;

namespace Fireside.Web.Features.Language;

/// <summary>Builds the coach from the organisation's settings: Language:ConfigFile points at a .fireside.yml, and admins silence phrases in the app.</summary>
public static class LanguageSetup
{
    public static IServiceCollection AddLanguageCoach(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["Language:ConfigFile"];
        CoachOptions options;
        if (string.IsNullOrWhiteSpace(path))
        {
            options = CoachOptions.Default;
        }
        else
        {
            try
            {
                options = CoachOptions.FromYaml(File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CoachConfigException)
            {
                throw new InvalidOperationException($"Language:ConfigFile ({path}) could not be used: {e.Message}", e);
            }
        }

        return services.AddSingleton(sp => new OrganisationCoach(options, sp.GetRequiredService<TimeProvider>()));
    }
}
