namespace DevHarness.Emulators.Events;

/// <summary>One rule: when enabled and its condition matches, each target (an Fn <c>/call</c> URL or <c>unix:/path/lsnr.sock</c>) is invoked.</summary>
internal sealed record EventRule(string DisplayName, bool IsEnabled, EventCondition Condition, IReadOnlyList<string> Targets);
