namespace DevHarness.KafkaBroker.Protocol;

/// <summary>The Kafka error codes this broker answers with (numbers fixed by the protocol).</summary>
internal enum ErrorCode : short
{
    None = 0,
    OffsetOutOfRange = 1,
    CorruptMessage = 2,
    UnknownTopicOrPartition = 3,
    MessageTooLarge = 10,
    CoordinatorNotAvailable = 15,
    InvalidTopic = 17,
    RecordListTooLarge = 18,
    InvalidRequiredAcks = 21,
    IllegalGeneration = 22,
    InconsistentGroupProtocol = 23,
    InvalidGroupId = 24,
    UnknownMemberId = 25,
    InvalidSessionTimeout = 26,
    RebalanceInProgress = 27,
    UnsupportedVersion = 35,
    InvalidRequest = 42,
    UnsupportedForMessageFormat = 43,
    GroupIdNotFound = 69,
    MemberIdRequired = 79,
    InvalidRecord = 87,
}
