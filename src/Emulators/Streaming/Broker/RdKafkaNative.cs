using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace DevHarness.Emulators.Streaming.Broker;

/// <summary>
/// The few librdkafka entry points the embedded broker needs (the mock cluster API of
/// <c>rdkafka_mock.h</c>), bound to the very library file Confluent.Kafka loaded, so both share one
/// copy of librdkafka's global state. Bound with function pointers rather than <c>[DllImport]</c>
/// so no assembly-wide import resolver is claimed.
/// </summary>
internal static class RdKafkaNative
{
    private static readonly Lazy<Api> Bound = new(Bind, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Api Functions => Bound.Value;

    /// <summary>The path of the librdkafka build in use (for logs and errors).</summary>
    public static string LibraryPath => Bound.Value.Path;

    private static Api Bind()
    {
        var path = FindLibrary();
        var handle = NativeLibrary.Load(path);
        T Get<T>(string name) where T : Delegate =>
            Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));
        return new Api(
            path,
            Get<ConfNewFn>("rd_kafka_conf_new"),
            Get<ConfSetFn>("rd_kafka_conf_set"),
            Get<ConfDestroyFn>("rd_kafka_conf_destroy"),
            Get<NewFn>("rd_kafka_new"),
            Get<DestroyFn>("rd_kafka_destroy"),
            Get<MockClusterNewFn>("rd_kafka_mock_cluster_new"),
            Get<MockClusterDestroyFn>("rd_kafka_mock_cluster_destroy"),
            Get<MockClusterBootstrapsFn>("rd_kafka_mock_cluster_bootstraps"),
            Get<MockTopicCreateFn>("rd_kafka_mock_topic_create"),
            Get<MockBrokerSetHostPortFn>("rd_kafka_mock_broker_set_host_port"),
            Get<MockSetApiVersionFn>("rd_kafka_mock_set_apiversion"),
            Get<MockGroupInitialRebalanceDelayFn>("rd_kafka_mock_group_initial_rebalance_delay_ms"),
            Get<Err2StrFn>("rd_kafka_err2str"));
    }

    /// <summary>
    /// Confluent.Kafka prefers <c>librdkafka.so</c> (needs libsasl2) and falls back to
    /// <c>centos8-librdkafka.so</c>. Rather than re-implement that choice, let it load, then read which
    /// file the process mapped; only if that is not visible, try the same candidates in the same order.
    /// </summary>
    private static string FindLibrary()
    {
        _ = Library.Version;
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"))
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && line.EndsWith("librdkafka.so", StringComparison.Ordinal))
                {
                    return line[slash..];
                }
            }
        }

        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        string[] names = OperatingSystem.IsWindows() ? ["librdkafka.dll"]
            : OperatingSystem.IsMacOS() ? ["librdkafka.dylib"]
            : ["librdkafka.so", "centos8-librdkafka.so"];
        foreach (var name in names)
        {
            var candidate = Path.Combine(native, name);
            if (NativeLibrary.TryLoad(candidate, out _))
            {
                return candidate;
            }
        }

        throw new DllNotFoundException(
            $"librdkafka was not found: Confluent.Kafka's runtime folder {native} holds none of {string.Join(", ", names)} that loads.");
    }

    public static string ErrorText(Api api, int error) => Marshal.PtrToStringUTF8(api.Err2Str(error)) ?? $"error {error}";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr ConfNewFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int ConfSetFn(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, [Out] byte[] errstr, UIntPtr errstrSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ConfDestroyFn(IntPtr conf);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr NewFn(int type, IntPtr conf, [Out] byte[] errstr, UIntPtr errstrSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void DestroyFn(IntPtr rk);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr MockClusterNewFn(IntPtr rk, int brokerCount);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void MockClusterDestroyFn(IntPtr cluster);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr MockClusterBootstrapsFn(IntPtr cluster);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int MockTopicCreateFn(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int MockBrokerSetHostPortFn(IntPtr cluster, int brokerId, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int MockSetApiVersionFn(IntPtr cluster, short apiKey, short minVersion, short maxVersion);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void MockGroupInitialRebalanceDelayFn(IntPtr cluster, int delayMs);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate IntPtr Err2StrFn(int error);

    /// <summary>The bound entry points; delegates are kept alive by this record for the process lifetime.</summary>
    internal sealed record Api(
        string Path,
        ConfNewFn ConfNew,
        ConfSetFn ConfSet,
        ConfDestroyFn ConfDestroy,
        NewFn New,
        DestroyFn Destroy,
        MockClusterNewFn MockClusterNew,
        MockClusterDestroyFn MockClusterDestroy,
        MockClusterBootstrapsFn MockClusterBootstraps,
        MockTopicCreateFn MockTopicCreate,
        MockBrokerSetHostPortFn MockBrokerSetHostPort,
        MockSetApiVersionFn MockSetApiVersion,
        MockGroupInitialRebalanceDelayFn MockGroupInitialRebalanceDelay,
        Err2StrFn Err2Str);
}
