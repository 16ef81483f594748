using Bogus;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// Makes faults from the templates, logged and moved on through the domain (Fault.Log, Acknowledge,
// Assign, Comment) exactly as the API would, with a clock set in the past. Every random choice comes
// from the one seeded Faker, so a seed gives the same faults on the same facility.
internal sealed class FaultGenerator
{
    private static readonly string[] OperatorFollowUps =
    [
        "Restarted as suggested; still happening.",
        "Client is in until 19:00. Can someone look at it in the lunch break?",
        "Happened again at {time}, same message.",
        "Moved the session to another suite for now.",
        "Screenshot of the error sent to the support mailbox.",
        "Only seems to happen on the long takes.",
    ];

    private static readonly string[] EngineerUpdates =
    [
        "Looking at it now; pulled the logs from {host}.",
        "Reproduced it on the bench. Vendor case opened.",
        "Part ordered from the vendor, expected tomorrow morning.",
        "Checked against the suite's configuration record: nothing changed since the last revision.",
        "Remote session to {host}; collecting diagnostics.",
        "Asked the operator to note the time if it happens again.",
    ];

    private readonly Faker _faker;
    private readonly EscalationPolicy _policy;
    private readonly SeedFacility _facility;
    private readonly TemplateText _text;
    private readonly Dictionary<SuiteType, decimal> _rates;
    private readonly Fit[] _fits;
    private readonly Production[] _productions;
    private readonly Dictionary<Guid, (SeedPerson[] People, float[] Weights)> _reporters = [];
    private readonly Dictionary<Guid, SeedPerson[]> _assignees = [];

    public FaultGenerator(SeedCatalogue catalogue, SeedFacility facility, EscalationPolicy policy, Faker faker)
    {
        _faker = faker;
        _policy = policy;
        _facility = facility;
        _text = new TemplateText(catalogue, faker);
        _rates = catalogue.SuiteTypes.ToDictionary(t => t.SuiteType, t => t.HourlyRate);
        _fits = FitTemplates(catalogue.FaultTemplates, facility.Suites);

        foreach (var production in facility.Productions.Prepend(null))
        {
            var able = facility.People.Where(p => p.CanSee(production)).ToArray();
            _reporters[production?.Id ?? Guid.Empty] = (able, able.Select(p => ReporterWeight(p.Role)).ToArray());
        }

        // A production nobody may see could not have had a fault reported against it.
        _productions = facility.Productions.Where(p => _reporters[p.Id].People.Length > 0).ToArray();
    }

    private enum Progress
    {
        Logged,
        Acknowledged,
        Assigned,
        Investigating,
        Fixed,
    }

    // The live queue of the demo: the newest a few minutes old, the oldest three weeks, denser
    // towards now; the older a fault, the further it has got.
    public List<Fault> DemoFaults(IReadOnlyList<int> numbers, DateTimeOffset now)
    {
        var fits = _faker.Random.Shuffle(_fits).ToArray();
        var faults = new List<Fault>(numbers.Count);
        for (var i = 0; i < numbers.Count; i++)
        {
            var share = Math.Pow((numbers.Count - i - _faker.Random.Double()) / numbers.Count, 2.2);
            var age = TimeSpan.FromDays(21 * share) + TimeSpan.FromMinutes(4);
            var fit = fits[i % fits.Length];
            var fault = Log(fit, numbers[i], now - age);
            Advance(fault, fit.Template, DemoProgress(age, fault.Severity), now);
            faults.Add(fault);
        }

        return faults;
    }

    public Fault Historical(int number, DateTimeOffset at, DateTimeOffset now)
    {
        var fit = _faker.PickRandom(_fits);
        var fault = Log(fit, number, at);
        var roll = _faker.Random.Double();
        var progress = roll < 0.8 ? Progress.Fixed : roll < 0.93 ? Progress.Investigating : Progress.Acknowledged;
        Advance(fault, fit.Template, progress, now);
        return fault;
    }

    private Fault Log(Fit fit, int number, DateTimeOffset at)
    {
        var template = fit.Template;
        var candidate = _faker.PickRandom(fit.Candidates);
        var suite = candidate.Suite;
        // Operators often leave the kit out when they log in a hurry.
        var equipment = candidate.Equipment.Length > 0 && _faker.Random.Bool(0.85f)
            ? _faker.PickRandom(candidate.Equipment)
            : null;
        var production = PickProduction(suite);
        var (people, weights) = _reporters[production?.Id ?? Guid.Empty];
        var reporter = _faker.Random.WeightedRandom(people, weights);
        var severity = Vary(template.Severity);

        _text.Begin(template, suite, candidate.SuiteIndex, equipment, at);
        var report = new FaultReport(
            suite, equipment, production, _facility.LatestRevisions.GetValueOrDefault(suite.Id),
            Clip(_text.Fill(template.Title), FaultConfiguration.TitleLength),
            Clip(_text.Fill(template.Symptoms), FaultConfiguration.SymptomsLength),
            template.WorkflowStage, template.Category, severity, Impact(severity, suite, production, at),
            SecurityIncident: template.SecurityIncident);
        return Fault.Log(report, number, reporter.Actor, _policy, at);
    }

    // A fault moves as it would have: acknowledged, assigned, discussed, a workaround applied (or
    // refused, in a comment) and, for most, resolved with the template's fix, so the demo has fixes
    // to search and suggest.
    private void Advance(Fault fault, FaultTemplate template, Progress progress, DateTimeOffset now)
    {
        if (progress == Progress.Logged || PickEngineer(fault) is not { } engineer)
        {
            return;
        }

        var at = fault.CreatedAt + AcknowledgeDelay(fault.Severity);
        if (at > now)
        {
            return;
        }

        fault.Acknowledge(engineer.Actor, at);
        if (progress == Progress.Acknowledged)
        {
            return;
        }

        at += TimeSpan.FromMinutes(_faker.Random.Int(1, 30));
        if (at > now)
        {
            return;
        }

        var assigner = _faker.Random.Bool(0.8f) ? engineer : PickManager(fault) ?? engineer;
        fault.Assign(engineer.Id, engineer.Name, assigner.Actor, at);
        if (progress == Progress.Assigned)
        {
            return;
        }

        var reporter = _facility.People.FirstOrDefault(p => p.Id == fault.ReportedById);
        if (reporter is not null && reporter.Id != engineer.Id && _faker.Random.Bool(0.4f)
            && Step(ref at, fault.Severity, now))
        {
            fault.Comment(_text.Fill(_faker.PickRandom(OperatorFollowUps)), reporter.Actor, at);
        }

        if (Step(ref at, fault.Severity, now))
        {
            fault.Comment(_text.Fill(_faker.PickRandom(EngineerUpdates)), engineer.Actor, at);
        }

        if (progress == Progress.Investigating)
        {
            return;
        }

        if (template.Workaround is { } workaround && _faker.Random.Bool(0.7f) && Step(ref at, fault.Severity, now))
        {
            if (workaround.Acceptability == Acceptability.Unacceptable)
            {
                fault.Comment(WorkaroundText(workaround), engineer.Actor, at);
            }
            else
            {
                fault.ApplyWorkaround(_text.Fill(workaround.Description), workaround.Acceptability, workaround.Conditions,
                    engineer.Actor, at);
            }
        }

        if (Step(ref at, fault.Severity, now) && Step(ref at, fault.Severity, now))
        {
            fault.Resolve(_text.Fill(template.Fix), _text.Fill(template.RootCause), null, engineer.Actor, at);
        }
    }

    private static string WorkaroundText(WorkaroundSeed workaround)
    {
        var conditions = string.IsNullOrWhiteSpace(workaround.Conditions) ? "" : " " + workaround.Conditions.Trim();
        return workaround.Acceptability switch
        {
            Acceptability.Acceptable => $"Workaround in place: {workaround.Description} Acceptable for the deliverables.",
            Acceptability.AcceptableWithConditions =>
                $"Workaround in place: {workaround.Description} Acceptable with conditions:{conditions}",
            _ => $"Workaround considered and refused: {workaround.Description} Not acceptable for the deliverables.{conditions}",
        };
    }

    private Production? PickProduction(Suite suite)
    {
        // Machine-room faults are mostly about shared infrastructure, not one job.
        var chance = suite.SuiteType == SuiteType.MachineRoom ? 0.15f : 0.75f;
        return _productions.Length > 0 && _faker.Random.Bool(chance) ? _faker.PickRandom(_productions) : null;
    }

    private SeedPerson? PickEngineer(Fault fault)
    {
        SeedPerson[]? able;
        // E5: a security incident's visibility depends on its reporter, so it is not cached by production.
        if (fault.SecurityIncident)
        {
            able = _facility.People.Where(p => p.Role >= Role.Engineer && p.CanSee(fault)).ToArray();
        }
        else if (!_assignees.TryGetValue(fault.ProductionId ?? Guid.Empty, out able))
        {
            able = _facility.People.Where(p => p.Role >= Role.Engineer && p.CanSee(fault)).ToArray();
            _assignees[fault.ProductionId ?? Guid.Empty] = able;
        }

        if (able.Length == 0)
        {
            return null;
        }

        var engineers = able.Where(p => p.Role == Role.Engineer).ToArray();
        return engineers.Length > 0 && _faker.Random.Bool(0.9f) ? _faker.PickRandom(engineers) : _faker.PickRandom(able);
    }

    private SeedPerson? PickManager(Fault fault)
    {
        var managers = _facility.People.Where(p => p.Role == Role.Manager && p.CanSee(fault)).ToArray();
        return managers.Length > 0 ? _faker.PickRandom(managers) : null;
    }

    private Severity Vary(Severity typical)
    {
        var roll = _faker.Random.Double();
        var step = roll < 0.7 ? 0 : roll < 0.85 ? -1 : 1;
        return (Severity)Math.Clamp((int)typical + step, (int)Severity.P1, (int)Severity.P4);
    }

    private Impact? Impact(Severity severity, Suite suite, Production? production, DateTimeOffset at)
    {
        var maxHours = severity switch
        {
            Severity.P1 => 4.0,
            Severity.P2 => 2.0,
            Severity.P3 => 0.5,
            _ => 0.0,
        };
        var hours = Math.Round((decimal)_faker.Random.Double(severity == Severity.P1 ? 0.5 : 0, maxHours) * 4) / 4;
        var due = production?.DeliveryDeadline;
        var deadlineAtRisk = severity <= Severity.P2 && due > at && due - at <= TimeSpan.FromHours(48);
        if (hours == 0 && !deadlineAtRisk)
        {
            return null;
        }

        var rate = _rates.GetValueOrDefault(suite.SuiteType);
        return new Impact(hours > 0 ? hours : null, hours > 0 && rate > 0 ? Math.Round(hours * rate, MidpointRounding.AwayFromZero) : null, deadlineAtRisk);
    }

    private TimeSpan AcknowledgeDelay(Severity severity) => TimeSpan.FromMinutes(severity switch
    {
        Severity.P1 => _faker.Random.Int(2, 14),
        Severity.P2 => _faker.Random.Int(8, 55),
        Severity.P3 => _faker.Random.Int(20, 240),
        _ => _faker.Random.Int(60, 900),
    });

    // Moves the timeline on by a step that suits the severity; false when that would pass now.
    private bool Step(ref DateTimeOffset at, Severity severity, DateTimeOffset now)
    {
        var minutes = severity switch
        {
            Severity.P1 => _faker.Random.Int(5, 60),
            Severity.P2 => _faker.Random.Int(20, 240),
            Severity.P3 => _faker.Random.Int(60, 1_440),
            _ => _faker.Random.Int(240, 4_320),
        };
        var next = at + TimeSpan.FromMinutes(minutes);
        if (next > now)
        {
            return false;
        }

        at = next;
        return true;
    }

    private Progress DemoProgress(TimeSpan age, Severity severity)
    {
        if (age < TimeSpan.FromHours(2))
        {
            // A staffed desk has picked up a session-stopping fault within minutes; only minor ones wait.
            return severity is Severity.P1 or Severity.P2 ? Progress.Acknowledged : Progress.Logged;
        }

        if (age < TimeSpan.FromHours(8))
        {
            return _faker.Random.Bool() ? Progress.Acknowledged : Progress.Assigned;
        }

        if (age < TimeSpan.FromDays(2))
        {
            return _faker.Random.Bool(0.7f) ? Progress.Investigating : Progress.Assigned;
        }

        return _faker.Random.Bool(0.75f) ? Progress.Fixed : Progress.Investigating;
    }

    private static float ReporterWeight(Role role) => role switch
    {
        Role.Operator => 6f,
        Role.Engineer => 3f,
        Role.Manager => 1f,
        _ => 0.1f,
    };

    private static string Clip(string text, int maxLength) => text.Length <= maxLength ? text : text[..maxLength];

    // Each template goes to the suites that have its kind of kit; when the facility in the database
    // has none, to suites of its types without naming kit; templates that fit nowhere are left out.
    private static Fit[] FitTemplates(IReadOnlyList<FaultTemplate> templates, IReadOnlyList<Suite> suites)
    {
        var indexed = suites.Select((suite, index) => (Suite: suite, Index: index)).ToArray();
        var fits = new List<Fit>(templates.Count);
        foreach (var template in templates)
        {
            var ofType = indexed.Where(s => template.SuiteTypes.Contains(s.Suite.SuiteType)).ToArray();
            var withKit = ofType
                .Select(s => new Candidate(s.Suite, s.Index,
                    s.Suite.Equipment.Where(e => template.Fits(e.Kind, e.Make, e.Model))
                        .OrderBy(e => e.Make, StringComparer.Ordinal).ThenBy(e => e.Model, StringComparer.Ordinal)
                        .ThenBy(e => e.Serial, StringComparer.Ordinal).ToArray()))
                .Where(c => c.Equipment.Length > 0)
                .ToArray();
            var candidates = withKit.Length > 0 ? withKit : ofType.Select(s => new Candidate(s.Suite, s.Index, [])).ToArray();
            if (candidates.Length > 0)
            {
                fits.Add(new Fit(template, candidates));
            }
        }

        if (fits.Count == 0)
        {
            var anywhere = indexed.Select(s => new Candidate(s.Suite, s.Index, [])).ToArray();
            fits.AddRange(templates.Select(t => new Fit(t, anywhere)));
        }

        return [.. fits];
    }

    private sealed record Candidate(Suite Suite, int SuiteIndex, Equipment[] Equipment);

    private sealed record Fit(FaultTemplate Template, Candidate[] Candidates);
}
