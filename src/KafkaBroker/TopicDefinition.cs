namespace DevHarness.KafkaBroker;

/// <summary>A topic and its partition count (fixed once created, as an OCI stream's are).</summary>
public sealed record TopicDefinition(string Name, int Partitions)
{
    public const int MaxPartitions = 1000;

    /// <summary>Kafka's topic name rule: 1-249 of letters, digits, '.', '_' and '-', and not "." or "..".</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 249 && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public void Validate()
    {
        if (!IsValidName(Name))
        {
            throw new ArgumentException($"Topic name '{Name}' must be 1-249 characters of letters, digits, '.', '_' or '-'.");
        }

        if (Partitions is < 1 or > MaxPartitions)
        {
            throw new ArgumentException($"Topic {Name} must have 1 to {MaxPartitions} partitions, not {Partitions}.");
        }
    }
}
