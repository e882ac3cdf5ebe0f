package dev.agentplan.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The embedded repository: a directory, by default {@code ~/.agentplan} (see
 * {@link RepositoryLocation}).
 *
 * <pre>
 * &lt;root&gt;/repository.lock                      writers hold an exclusive lock on it
 * &lt;root&gt;/agents/&lt;agent&gt;/versions/&lt;n&gt;/         one immutable version (see VersionStore)
 *          definition.json  source.txt  version.json
 * &lt;root&gt;/agents/&lt;agent&gt;/tags.jsonl             append-only, hash-chained tag history
 * &lt;root&gt;/agents/&lt;agent&gt;/tags.head.json         the count and last hash of tags.jsonl (see TagHead)
 * &lt;root&gt;/runs/&lt;runId&gt;.json                    the run index (see RunIndex)
 * &lt;root&gt;/runs.head.json                        every run id the index recorded (see RunIndexHead)
 * </pre>
 *
 * Writers (deploy, tag) hold the repository lock across read-check-write, so concurrent deploys
 * from several processes get distinct, contiguous version numbers. Readers take no lock: every
 * file they can see is complete, because everything is published by atomic renames.
 *
 * <p>Damage stays local: a damaged version fails only the reads of that version (listings skip
 * it, with a note), a damaged tag log only the reads of that agent's tags, and files the layout
 * does not know are ignored with a note. Notes go to the sink given to {@link #withNotes}.
 */
public final class FileDefinitionRepository implements DefinitionRepository {

    static final String LOCK_FILE = "repository.lock";
    private static final String AGENTS = "agents";
    private static final String VERSIONS = "versions";
    private static final Set<String> AGENT_ENTRIES = Set.of(VERSIONS, TagLog.FILE, TagHead.FILE);

    private final Path root;
    private final Clock clock;
    private final String defaultAuthor;
    private final Consumer<String> notes;

    public FileDefinitionRepository(Path root) {
        this(root, Clock.systemUTC(), System.getProperty("user.name"));
    }

    /** @param defaultAuthor who deploys and tags when a request does not say (normally the OS user) */
    public FileDefinitionRepository(Path root, Clock clock, String defaultAuthor) {
        this(root, clock, defaultAuthor, note -> { });
    }

    private FileDefinitionRepository(Path root, Clock clock, String defaultAuthor, Consumer<String> notes) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultAuthor = defaultAuthor == null || defaultAuthor.isBlank() ? "unknown" : defaultAuthor;
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /**
     * The same repository, reporting what it skips or repairs (damaged versions left out of a
     * listing, stray files ignored, a tag log anchored) to {@code sink}, one line each.
     */
    public FileDefinitionRepository withNotes(Consumer<String> sink) {
        return new FileDefinitionRepository(root, clock, defaultAuthor, sink);
    }

    /** The repository at {@code --repo}, {@code AGENTPLAN_HOME} or {@code ~/.agentplan}. */
    public static FileDefinitionRepository open(String repoOption) {
        return new FileDefinitionRepository(RepositoryLocation.resolve(repoOption));
    }

    public Path root() {
        return root;
    }

    /** The run index kept next to the definitions. */
    public RunIndex runIndex() {
        return new RunIndex(root, clock, notes);
    }

    // ---- deploy ----

    @Override
    public DeployedVersion deploy(DeployRequest request) {
        checkRequest(request);
        String name = request.agentName();
        String sha = Sha256.of(request.canonicalJson());
        Path versionsDir = versionsDir(name);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(LOCK_FILE))) {
            checkCaseCollision(name);
            AtomicFiles.sweepTemps(versionsDir);
            VersionScan scan = scan(name);
            for (DeployedVersion existing : scan.intact()) {
                if (existing.sha256().equals(sha)) {
                    return existing.asNoOp();
                }
            }
            noteDamaged(scan);
            int next = scan.highest() + 1; // never the number of a damaged version
            DeployedVersion version = new DeployedVersion(name, next, sha, VersionStore.now(clock),
                    authorOr(request.author()), request.message(), false);
            VersionStore.publish(versionsDir, version, request);
            return version;
        } catch (IOException e) {
            throw IoProblems.of("cannot deploy " + name + " to " + root, e);
        }
    }

    private void checkRequest(DeployRequest request) {
        if (request == null) {
            throw new RepositoryException("no deploy request");
        }
        Names.checkAgentName(request.agentName());
        if (request.canonicalJson() == null || request.canonicalJson().isBlank()) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the canonical JSON is empty");
        }
        JsonNode tree;
        try {
            tree = SealedJson.MAPPER.readTree(request.canonicalJson());
        } catch (IOException e) {
            throw new RepositoryException("cannot deploy " + request.agentName()
                    + ": the canonical JSON does not parse as JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (!tree.isObject()) {
            throw new RepositoryException("cannot deploy " + request.agentName()
                    + ": the canonical JSON must be an object, not " + tree.getNodeType().name().toLowerCase());
        }
        JsonNode agent = tree.get("agent");
        if (agent == null || !agent.isTextual() || !agent.asText().equals(request.agentName())) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the canonical JSON names agent "
                    + (agent == null ? "nothing" : agent.toString()) + ", not \"" + request.agentName() + "\"");
        }
        if (request.sourceText() == null) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the source text is missing");
        }
        if (request.sourceFileName() == null || request.sourceFileName().isBlank()
                || request.sourceFileName().contains("\n")) {
            throw new RepositoryException("cannot deploy " + request.agentName()
                    + ": the source file name is missing or not one line");
        }
        if (request.author() != null && (request.author().isBlank() || request.author().contains("\n"))) {
            throw new RepositoryException("cannot deploy " + request.agentName() + ": the author must be one non-blank line");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** On case-insensitive file systems Foo and foo would share a directory; refuse to mix them anywhere. */
    private void checkCaseCollision(String name) {
        for (String existing : agentDirectories()) {
            if (!existing.equals(name) && existing.equalsIgnoreCase(name)) {
                throw new RepositoryException("cannot deploy " + name + ": agent '" + existing
                        + "' already exists and names may not differ only in letter case; rename the agent");
            }
        }
    }

    private String authorOr(String author) {
        return author == null ? defaultAuthor : author;
    }

    // ---- reads ----

    @Override
    public List<String> agents() {
        List<String> out = new ArrayList<>();
        for (String name : agentDirectories()) {
            if (!numbers(name).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    private List<String> agentDirectories() {
        Path agents = root.resolve(AGENTS);
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(agents)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(agents)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (!Names.isAgentName(name) || !Files.isDirectory(entry)) {
                    notes.accept("ignoring " + entry + ": the agents directory holds only one directory per agent; "
                            + "move it elsewhere");
                    continue;
                }
                out.add(name);
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + agents, e);
        }
        out.sort(null);
        return out;
    }

    /** The intact versions; damaged ones are left out, with a note each (see {@link #scan}). */
    @Override
    public List<DeployedVersion> versions(String name) {
        VersionScan scan = scan(name);
        noteDamaged(scan);
        return scan.intact();
    }

    /** Every version of an agent, intact or damaged; a damaged one does not hide the others. */
    public VersionScan scan(String name) {
        Names.checkAgentName(name);
        List<DeployedVersion> intact = new ArrayList<>();
        SortedMap<Integer, String> damaged = new TreeMap<>();
        for (int n : numbers(name)) {
            try {
                intact.add(readVersion(name, n).version());
            } catch (RepositoryException e) {
                damaged.put(n, e.getMessage());
            }
        }
        return new VersionScan(List.copyOf(intact), damaged);
    }

    private void noteDamaged(VersionScan scan) {
        scan.damaged().forEach((n, problem) -> notes.accept("skipping damaged version " + n + ": " + problem));
    }

    private List<Integer> numbers(String name) {
        checkAgentEntries(name);
        return VersionStore.numbers(versionsDir(name), notes);
    }

    @Override
    public StoredDefinition get(String name, int version) {
        Names.checkAgentName(name);
        List<Integer> numbers = numbers(name);
        if (numbers.isEmpty()) {
            throw unknownAgent(name);
        }
        if (!numbers.contains(version)) {
            throw new NotFoundException("agent " + name + " has no version " + version
                    + " (versions: " + describe(numbers) + ")");
        }
        return readVersion(name, version);
    }

    @Override
    public StoredDefinition resolve(String ref) {
        AgentRef parsed = AgentRef.parse(ref);
        String name = parsed.name();
        if (parsed.version() != null) {
            return get(name, parsed.version());
        }
        List<Integer> numbers = numbers(name);
        if (numbers.isEmpty()) {
            throw unknownAgent(name);
        }
        if (parsed.isLatest()) {
            return readVersion(name, numbers.get(numbers.size() - 1));
        }
        Map<String, Integer> tags = tags(name);
        Integer target = tags.get(parsed.tag());
        if (target == null) {
            throw new NotFoundException("agent " + name + " has no tag '" + parsed.tag() + "'"
                    + (tags.isEmpty() ? " (it has no tags)" : " (tags: " + String.join(", ", tags.keySet()) + ")"));
        }
        if (!numbers.contains(target)) {
            throw new RepositoryException("tag " + name + "@" + parsed.tag() + " points at version " + target
                    + ", which is missing from " + versionsDir(name) + "; move the tag to an existing version");
        }
        return readVersion(name, target);
    }

    private StoredDefinition readVersion(String name, int n) {
        return VersionStore.read(versionsDir(name).resolve(Integer.toString(n)), name, n, notes);
    }

    private RepositoryException unknownAgent(String name) {
        List<String> known = agents();
        return new NotFoundException("no agent named " + name + " is deployed in " + root
                + (known.isEmpty() ? " (the repository is empty)" : " (agents: " + String.join(", ", known) + ")"));
    }

    private static String describe(List<Integer> numbers) {
        int first = numbers.get(0);
        int last = numbers.get(numbers.size() - 1);
        if (last - first + 1 == numbers.size()) {
            return first == last ? Integer.toString(first) : first + ".." + last;
        }
        return numbers.toString().replaceAll("[\\[\\] ]", "");
    }

    /** An agent directory holds only versions/, tags.jsonl and tags.head.json (and hidden temp files). */
    private void checkAgentEntries(String name) {
        Path dir = agentDir(name);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (!file.startsWith(".") && !AGENT_ENTRIES.contains(file)) {
                    notes.accept("ignoring " + entry + ": an agent directory holds only " + VERSIONS + "/, "
                            + TagLog.FILE + " and " + TagHead.FILE + "; move it elsewhere");
                }
            }
        } catch (IOException e) {
            throw IoProblems.of("cannot list " + dir, e);
        }
    }

    // ---- tags ----

    @Override
    public TagMove tag(String name, int version, String tag, String by) {
        Names.checkAgentName(name);
        Names.checkTag(tag);
        String who = authorOr(by);
        if (who.isBlank() || who.contains("\n")) {
            throw new RepositoryException("cannot tag: the author must be one non-blank line");
        }
        Path log = agentDir(name).resolve(TagLog.FILE);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(LOCK_FILE))) {
            get(name, version); // exists and is intact
            AtomicFiles.sweepTemps(agentDir(name));
            Integer from = TagLog.current(TagLog.read(log, name)).get(tag);
            TagMove move = new TagMove(name, tag, from, version, who, VersionStore.now(clock));
            if (move.unchanged()) {
                return move;
            }
            TagLog.append(log, move, notes);
            return move;
        } catch (IOException e) {
            throw IoProblems.of("cannot tag " + name + "@" + version + " in " + root, e);
        }
    }

    /**
     * Accepts an agent's tag log as it is now (see {@code agentplan repo accept-tags}): for a log
     * whose end was cut off, a deleted log (the agent then has no tags) or a deleted head, once
     * the user has decided the log is right. A log whose chain is broken is still refused.
     *
     * @return the tags the agent has from now on
     */
    public Map<String, Integer> acceptTags(String name) {
        Names.checkAgentName(name);
        if (!Files.isDirectory(agentDir(name))) {
            throw unknownAgent(name);
        }
        Path log = agentDir(name).resolve(TagLog.FILE);
        try (RepositoryLock ignored = RepositoryLock.acquire(root.resolve(LOCK_FILE))) {
            AtomicFiles.sweepTemps(agentDir(name));
            TagLog.accept(log, name);
        } catch (IOException e) {
            throw IoProblems.of("cannot anchor " + log, e);
        }
        return tags(name);
    }

    @Override
    public Map<String, Integer> tags(String name) {
        return TagLog.current(tagHistory(name));
    }

    @Override
    public List<TagMove> tagHistory(String name) {
        Names.checkAgentName(name);
        return TagLog.read(agentDir(name).resolve(TagLog.FILE), name);
    }

    // ---- verification ----

    @Override
    public List<String> verify() {
        return check().problems().stream().map(RepositoryProblem::message).toList();
    }

    /** Reads and verifies everything: every version, tag log, tag head and run-index file. */
    public RepositoryReport check() {
        List<String> warnings = new ArrayList<>();
        Consumer<String> collect = note -> {
            if (!warnings.contains(note)) {
                warnings.add(note);
            }
        };
        FileDefinitionRepository quiet = withNotes(collect);
        List<RepositoryProblem> problems = new ArrayList<>();
        List<String> names;
        try {
            names = quiet.agentDirectories();
        } catch (RepositoryException e) {
            problems.add(new RepositoryProblem("layout", root.resolve(AGENTS), e.getMessage()));
            names = List.of();
        }
        for (String name : names) {
            quiet.checkAgent(name, problems, collect);
        }
        RunIndex.Check runs = quiet.runIndex().check();
        problems.addAll(runs.problems());
        runs.warnings().forEach(collect);
        return new RepositoryReport(List.copyOf(problems), List.copyOf(warnings));
    }

    private void checkAgent(String name, List<RepositoryProblem> problems, Consumer<String> warnings) {
        VersionScan scan;
        try {
            scan = scan(name);
        } catch (RepositoryException e) {
            problems.add(new RepositoryProblem("layout", agentDir(name), e.getMessage()));
            return;
        }
        scan.damaged().forEach((n, message) ->
                problems.add(new RepositoryProblem("version", versionsDir(name).resolve(Integer.toString(n)), message)));
        Path log = agentDir(name).resolve(TagLog.FILE);
        try {
            if (TagLog.unanchored(log, name)) {
                warnings.accept(log + " was written by an older agentplan and has no " + TagHead.FILE
                        + " yet; the next tag command anchors it (until then a cut-off end would go unnoticed)");
            }
            List<Integer> numbers = new ArrayList<>(scan.damaged().keySet());
            scan.intact().forEach(v -> numbers.add(v.version()));
            tags(name).forEach((tag, target) -> {
                if (!numbers.contains(target)) {
                    problems.add(new RepositoryProblem("tag log", log, "tag " + name + "@" + tag
                            + " points at missing version " + target + "; move the tag to an existing version"));
                }
            });
        } catch (RepositoryException e) {
            Path head = TagHead.beside(log);
            boolean aboutHead = e.getMessage().startsWith(head.toString());
            problems.add(new RepositoryProblem(aboutHead ? "tag head" : "tag log", aboutHead ? head : log, e.getMessage()));
        }
    }

    // ---- layout ----

    private Path agentDir(String name) {
        return root.resolve(AGENTS).resolve(name);
    }

    private Path versionsDir(String name) {
        return agentDir(name).resolve(VERSIONS);
    }
}
