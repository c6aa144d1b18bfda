namespace Fireside.Language;

/// <summary>The small word lists the rules consult. All compared without regard to case.</summary>
internal static class Words
{
    public static readonly HashSet<string> People = Set(
        "i", "we", "you", "he", "she", "they", "someone", "somebody", "nobody", "everyone", "everybody", "anyone", "anybody", "who", "whoever",
        "me", "us", "them", "him", "her", "one",
        "engineer", "engineers", "developer", "developers", "dev", "devs", "team", "teams", "on-call", "oncall", "on-caller", "on-callers",
        "operator", "operators", "operations", "ops", "reviewer", "reviewers", "author", "authors", "admin", "admins", "administrator",
        "administrators", "sre", "sres", "responder", "responders", "commander", "ic", "manager", "managers", "lead", "leads", "owner",
        "owners", "person", "people", "staff", "human", "humans", "vendor", "vendors", "contractor", "contractors", "intern", "interns",
        "dba", "dbas", "analyst", "analysts", "architect", "architects", "tester", "testers", "qa", "support", "folks", "colleague",
        "colleagues", "member", "members", "department", "squad", "crew", "group", "employee", "employees", "coworker", "coworkers",
        "programmer", "programmers", "maintainer", "maintainers", "approver", "approvers", "requester", "submitter", "newcomer", "hire",
        "hires", "expert", "experts", "specialist", "specialists", "technician", "technicians", "facilitator", "everyone's", "driver");

    /// <summary>Capitalised words that start sentences or name software, not people.</summary>
    public static readonly HashSet<string> NotNames = Set(
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "our", "their", "his", "her", "my", "your", "then", "when",
        "after", "before", "during", "while", "if", "at", "in", "on", "by", "for", "from", "with", "because", "since", "so", "but", "and",
        "or", "once", "later", "finally", "meanwhile", "however", "also", "there", "here", "each", "every", "all", "some", "both", "no",
        "not", "what", "which", "where", "why", "how", "as", "to", "of", "one", "two", "three", "nothing", "something", "everything",
        "kubernetes", "postgres", "postgresql", "mysql", "redis", "nginx", "linux", "terraform", "ansible", "jenkins", "github", "gitlab",
        "git", "docker", "consul", "vault", "kafka", "elasticsearch", "prometheus", "grafana", "alertmanager", "pagerduty", "slack",
        "chrome", "chromium", "windows", "java", "python", "go", "node", "envoy", "istio", "haproxy", "varnish", "cloudflare", "fastly",
        "akamai", "memcached", "rabbitmq", "zookeeper", "etcd", "cassandra", "mongodb", "spark", "hadoop", "airflow", "celery", "sidekiq",
        "helm", "argo", "spinnaker", "puppet", "chef", "salt", "nomad", "lambda", "sentry", "datadog", "splunk", "nagios", "zabbix",
        "systemd", "cron", "bash", "ruby", "rails", "django", "php", "apache", "tomcat", "jvm", "dotnet", "azure", "gcp", "aws",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "today", "yesterday", "tomorrow", "nothing", "neither");

    /// <summary>Words that cannot follow "have" in a perfect tense (so "should have a dashboard" is about owning one).</summary>
    public static readonly HashSet<string> NotParticiples = Set(
        "a", "an", "the", "to", "some", "any", "no", "this", "that", "these", "those", "my", "our", "their", "his", "her", "its", "your",
        "enough", "more", "less", "fewer", "much", "many", "one", "two", "three", "four", "five", "six", "ten", "several", "each", "every",
        "all", "both", "access", "time", "got");

    public static readonly HashSet<string> Adverbs = Set(
        "not", "never", "also", "easily", "probably", "likely", "possibly", "certainly", "definitely", "really", "still", "simply", "just",
        "surely", "reasonably", "perhaps", "maybe", "even", "actually", "immediately", "quickly", "already", "then", "at", "least", "all",
        "both", "ever", "only", "instead", "totally", "completely", "clearly", "obviously", "apparently", "repeatedly", "again", "entirely");

    public static readonly HashSet<string> Negations = Set("not", "never", "no", "hardly", "barely", "scarcely", "nothing", "non");

    public static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);
}
