namespace DevHarness.Oci.Events;

/// <summary>
/// An event that is not a well-formed OCI Object Storage event. <see cref="JsonPath"/> names the field
/// (<c>data.additionalDetails.bucketName</c>), and the message says what is wrong with it.
/// </summary>
public sealed class EventFormatException : FormatException
{
    public EventFormatException(string jsonPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        JsonPath = jsonPath;
    }

    /// <summary>The dotted path of the offending field; <c>$</c> for the document as a whole.</summary>
    public string JsonPath { get; }
}
