namespace DevHarness.Emulators.Streaming.Facade;

/// <summary>
/// A fault to inject (<c>POST /_admin/faults</c>). <see cref="Mode"/> is <c>throttle</c> (429 with
/// <c>Retry-After</c>), <c>error</c> (500) or <c>failEntry</c> (PutMessages answers 200 with entry
/// <see cref="EntryIndex"/> failed). It applies to the next <see cref="Count"/> matching requests (default
/// 1), or, with <see cref="Fraction"/>, to that share of them until cleared. <see cref="Operations"/>
/// limits it to named operations (<c>PutMessages</c>, <c>GetMessages</c>, <c>CreateCursor</c>, …).
/// </summary>
internal sealed record FaultRule(
    string Mode,
    int? Count = null,
    double? Fraction = null,
    int? RetryAfterSeconds = null,
    int? EntryIndex = null,
    string? ErrorCode = null,
    IReadOnlyList<string>? Operations = null)
{
    public const string Throttle = "throttle";
    public const string Error = "error";
    public const string FailEntry = "failEntry";

    /// <summary>Checks the rule and fills defaults; a bad rule is a 400 naming the field.</summary>
    public FaultRule Validated()
    {
        if (Mode is not (Throttle or Error or FailEntry))
        {
            throw OciProblem.InvalidParameter($"mode must be '{Throttle}', '{Error}' or '{FailEntry}', not '{Mode}'.");
        }

        if (Count is not null && Fraction is not null)
        {
            throw OciProblem.InvalidParameter("give either count (the next N requests) or fraction (a share of requests), not both.");
        }

        if (Count is < 1)
        {
            throw OciProblem.InvalidParameter("count must be at least 1.");
        }

        if (Fraction is not null && (Fraction <= 0 || Fraction > 1 || double.IsNaN(Fraction.Value)))
        {
            throw OciProblem.InvalidParameter("fraction must be greater than 0 and at most 1.");
        }

        if (RetryAfterSeconds is < 0)
        {
            throw OciProblem.InvalidParameter("retryAfterSeconds must not be negative.");
        }

        if (EntryIndex is < 0)
        {
            throw OciProblem.InvalidParameter("entryIndex must not be negative.");
        }

        return this with
        {
            Count = Fraction is null ? Count ?? 1 : null,
            RetryAfterSeconds = Mode == Throttle ? RetryAfterSeconds ?? 1 : null,
            EntryIndex = Mode == FailEntry ? EntryIndex ?? 0 : null,
            ErrorCode = Mode == FailEntry ? ErrorCode ?? "InternalServerError" : null,
            Operations = Mode == FailEntry ? ["PutMessages"] : Operations,
        };
    }

    public bool AppliesTo(string operation) =>
        Operations is null || Operations.Contains(operation, StringComparer.OrdinalIgnoreCase);
}
