namespace DevHarness.Oci;

internal static class Placeholder;
