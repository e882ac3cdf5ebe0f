/**
 * The definition repository: deployed agents as immutable, numbered versions with tags, plus the
 * run index. {@link dev.agentplan.repository.DefinitionRepository} is the API;
 * {@link dev.agentplan.repository.FileDefinitionRepository} the embedded implementation, a
 * directory found by {@link dev.agentplan.repository.RepositoryLocation}:
 *
 * <pre>
 * repository.lock                          exclusive OS lock held by writers (deploy, tag, run index)
 * agents/&lt;agent&gt;/versions/&lt;n&gt;/definition.json  canonical JSON, byte for byte (its sha256 is the version's identity)
 * agents/&lt;agent&gt;/versions/&lt;n&gt;/source.txt       the text the user deployed
 * agents/&lt;agent&gt;/versions/&lt;n&gt;/version.json     sealed metadata: sha256s, author, time, message, source map
 * agents/&lt;agent&gt;/tags.jsonl                    append-only, hash-chained tag moves
 * agents/&lt;agent&gt;/tags.head.json                the log's anchor: its length and last line's hash
 * runs/&lt;runId&gt;.json                            sealed run records
 * runs.head.json                                 the run index's anchor: every run id recorded
 * </pre>
 *
 * Everything is written to a hidden temp name, forced to disk and renamed into place; a version
 * directory is published by one rename. Every read verifies checksums, and every problem is a
 * {@link dev.agentplan.repository.RepositoryException} with a one-line message. Damage stays
 * local (listings skip what they cannot read, with a note), and
 * {@link dev.agentplan.repository.FileDefinitionRepository#check} reports all of it.
 */
package dev.agentplan.repository;
