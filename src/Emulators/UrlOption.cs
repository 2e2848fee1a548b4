using System.CommandLine;

namespace DevHarness.Emulators;

/// <summary>An option whose value is an absolute URL, shared by the subcommands that take one.</summary>
internal static class UrlOption
{
    // System.CommandLine 2.0 has no built-in Uri conversion: without this parser every such option failed to parse.
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            if (Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri))
            {
                return uri;
            }

            result.AddError($"{name} '{result.Tokens[0].Value}' is not an absolute URL.");
            return null;
        },
    };
}
