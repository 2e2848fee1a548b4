namespace DevHarness.Oci.Regions;

/// <summary>
/// The regions DevHarness knows by id and short code, with their realms. Copied from the public OCI
/// .NET SDK's region and realm definitions (<c>Common/Src/RegionDefinitions.cs</c>,
/// <c>RealmDefinitions.cs</c>); regions launched later still parse by id (see <see cref="Region.Parse"/>).
/// </summary>
internal static class RegionCatalog
{
    private static readonly Realm Oc2 = new("oc2", "oraclegovcloud.com");
    private static readonly Realm Oc3 = new("oc3", "oraclegovcloud.com");
    private static readonly Realm Oc4 = new("oc4", "oraclegovcloud.uk");
    private static readonly Realm Oc8 = new("oc8", "oraclecloud8.com");
    private static readonly Realm Oc9 = new("oc9", "oraclecloud9.com");
    private static readonly Realm Oc10 = new("oc10", "oraclecloud10.com");
    private static readonly Realm Oc14 = new("oc14", "oraclecloud14.com");
    private static readonly Realm Oc15 = new("oc15", "oraclecloud15.com");
    private static readonly Realm Oc19 = new("oc19", "oraclecloud.eu");
    private static readonly Realm Oc20 = new("oc20", "oraclecloud20.com");
    private static readonly Realm Oc21 = new("oc21", "oraclecloud21.com");
    private static readonly Realm Oc23 = new("oc23", "oraclecloud23.com");
    private static readonly Realm Oc24 = new("oc24", "oraclecloud24.com");
    private static readonly Realm Oc26 = new("oc26", "oraclecloud26.com");
    private static readonly Realm Oc29 = new("oc29", "oraclecloud29.com");
    private static readonly Realm Oc35 = new("oc35", "oraclecloud35.com");

    /// <summary>Every known region, keyed by id.</summary>
    public static IReadOnlyDictionary<string, Region> ById { get; }

    /// <summary>Every known region, keyed by its three-letter code.</summary>
    public static IReadOnlyDictionary<string, Region> ByCode { get; }

    static RegionCatalog()
    {
        Region[] regions =
        [
            Known("ap-chuncheon-1", "yny", Realm.Oc1),
            Known("ap-hyderabad-1", "hyd", Realm.Oc1),
            Known("ap-melbourne-1", "mel", Realm.Oc1),
            Known("ap-mumbai-1", "bom", Realm.Oc1),
            Known("ap-osaka-1", "kix", Realm.Oc1),
            Known("ap-seoul-1", "icn", Realm.Oc1),
            Known("ap-sydney-1", "syd", Realm.Oc1),
            Known("ap-tokyo-1", "nrt", Realm.Oc1),
            Known("ca-montreal-1", "yul", Realm.Oc1),
            Known("ca-toronto-1", "yyz", Realm.Oc1),
            Known("eu-amsterdam-1", "ams", Realm.Oc1),
            Known("eu-frankfurt-1", "fra", Realm.Oc1),
            Known("eu-zurich-1", "zrh", Realm.Oc1),
            Known("me-jeddah-1", "jed", Realm.Oc1),
            Known("sa-saopaulo-1", "gru", Realm.Oc1),
            Known("uk-london-1", "lhr", Realm.Oc1),
            Known("us-ashburn-1", "iad", Realm.Oc1),
            Known("us-phoenix-1", "phx", Realm.Oc1),
            Known("us-sanjose-1", "sjc", Realm.Oc1),
            Known("me-dubai-1", "dxb", Realm.Oc1),
            Known("uk-cardiff-1", "cwl", Realm.Oc1),
            Known("sa-santiago-1", "scl", Realm.Oc1),
            Known("sa-vinhedo-1", "vcp", Realm.Oc1),
            Known("il-jerusalem-1", "mtz", Realm.Oc1),
            Known("eu-marseille-1", "mrs", Realm.Oc1),
            Known("ap-singapore-1", "sin", Realm.Oc1),
            Known("me-abudhabi-1", "auh", Realm.Oc1),
            Known("eu-milan-1", "lin", Realm.Oc1),
            Known("eu-stockholm-1", "arn", Realm.Oc1),
            Known("af-johannesburg-1", "jnb", Realm.Oc1),
            Known("eu-paris-1", "cdg", Realm.Oc1),
            Known("mx-queretaro-1", "qro", Realm.Oc1),
            Known("eu-madrid-1", "mad", Realm.Oc1),
            Known("us-chicago-1", "ord", Realm.Oc1),
            Known("mx-monterrey-1", "mty", Realm.Oc1),
            Known("us-saltlake-2", "aga", Realm.Oc1),
            Known("sa-bogota-1", "bog", Realm.Oc1),
            Known("sa-valparaiso-1", "vap", Realm.Oc1),
            Known("ap-singapore-2", "xsp", Realm.Oc1),
            Known("me-riyadh-1", "ruh", Realm.Oc1),
            Known("us-langley-1", "lfi", Oc2),
            Known("us-luke-1", "luf", Oc2),
            Known("us-gov-ashburn-1", "ric", Oc3),
            Known("us-gov-chicago-1", "pia", Oc3),
            Known("us-gov-phoenix-1", "tus", Oc3),
            Known("uk-gov-london-1", "ltn", Oc4),
            Known("uk-gov-cardiff-1", "brs", Oc4),
            Known("ap-chiyoda-1", "nja", Oc8),
            Known("ap-ibaraki-1", "ukb", Oc8),
            Known("me-dcc-muscat-1", "mct", Oc9),
            Known("ap-dcc-canberra-1", "wga", Oc10),
            Known("eu-dcc-milan-1", "bgy", Oc14),
            Known("eu-dcc-milan-2", "mxp", Oc14),
            Known("eu-dcc-dublin-2", "snn", Oc14),
            Known("eu-dcc-rating-2", "dtm", Oc14),
            Known("eu-dcc-rating-1", "dus", Oc14),
            Known("eu-dcc-dublin-1", "ork", Oc14),
            Known("ap-dcc-gazipur-1", "dac", Oc15),
            Known("eu-madrid-2", "vll", Oc19),
            Known("eu-frankfurt-2", "str", Oc19),
            Known("eu-jovanovac-1", "beg", Oc20),
            Known("me-dcc-doha-1", "doh", Oc21),
            Known("us-somerset-1", "ebb", Oc23),
            Known("us-thames-1", "ebl", Oc23),
            Known("eu-dcc-zurich-1", "avz", Oc24),
            Known("eu-crissier-1", "avf", Oc24),
            Known("me-abudhabi-3", "ahu", Oc26),
            Known("me-abudhabi-2", "rkt", Oc29),
            Known("me-abudhabi-4", "shj", Oc29),
            Known("ap-seoul-2", "dtz", Oc35),
            Known("ap-suwon-1", "dln", Oc35),
            Known("ap-chuncheon-2", "bno", Oc35),
        ];
        ById = regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        ByCode = regions.ToDictionary(r => r.Code!, StringComparer.Ordinal);
    }

    private static Region Known(string id, string code, Realm realm) => new(id, code, realm, isKnown: true);
}
