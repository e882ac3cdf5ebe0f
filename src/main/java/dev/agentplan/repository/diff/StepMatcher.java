package dev.agentplan.repository.diff;

import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs the steps of two plans. First by binding name and step kind anywhere in the plan (a
 * renamed or re-nested {@code issue = ticket(...)} is still the same step); then, body by body
 * between paired steps, identical steps in order (longest common subsequence) and then steps of
 * the same kind by position; finally an unpaired step identical to an unpaired step elsewhere
 * is a move. What is left is removed (from A) or added (in B).
 */
final class StepMatcher {

    final StepTree a;
    final StepTree b;
    final Map<String, String> aToB = new LinkedHashMap<>();
    final Map<String, String> bToA = new LinkedHashMap<>();
    private final Set<String> outOfOrder = new HashSet<>();
    private final Set<String> processed = new HashSet<>();
    private final Deque<String[]> work = new ArrayDeque<>();

    StepMatcher(List<Step> stepsA, List<Step> stepsB) {
        this.a = new StepTree(stepsA);
        this.b = new StepTree(stepsB);
        matchBindings();
        for (String pathA : List.copyOf(aToB.keySet())) {
            queueChildren(pathA, aToB.get(pathA));
        }
        work.addFirst(new String[] {"", ""});
        drain();
        matchMoves();
    }

    /** Whether the paired step at {@code pathA} changed place: another body, or out of order in its body. */
    boolean moved(String pathA) {
        String pathB = aToB.get(pathA);
        if (pathB == null) {
            return false;
        }
        if (outOfOrder.contains(pathA)) {
            return true;
        }
        StepTree.Node na = a.get(pathA);
        StepTree.Node nb = b.get(pathB);
        if (na.parentPath() == null || nb.parentPath() == null) {
            return na.parentPath() != nb.parentPath();
        }
        return !nb.parentPath().equals(aToB.get(na.parentPath())) || !na.bodyName().equals(nb.bodyName());
    }

    private static String key(Step step) {
        return step.binding() == null ? null : step.getClass().getSimpleName() + ":" + step.binding();
    }

    private void matchBindings() {
        Map<String, List<StepTree.Node>> groupsB = new LinkedHashMap<>();
        for (StepTree.Node n : b.preOrder) {
            String k = key(n.step());
            if (k != null) {
                groupsB.computeIfAbsent(k, x -> new ArrayList<>()).add(n);
            }
        }
        Map<String, List<StepTree.Node>> groupsA = new LinkedHashMap<>();
        for (StepTree.Node n : a.preOrder) {
            String k = key(n.step());
            if (k != null) {
                groupsA.computeIfAbsent(k, x -> new ArrayList<>()).add(n);
            }
        }
        groupsA.forEach((k, nodesA) -> {
            List<StepTree.Node> nodesB = groupsB.getOrDefault(k, List.of());
            for (StepTree.Node na : nodesA) { // same name at the same address first
                for (StepTree.Node nb : nodesB) {
                    if (na.path().equals(nb.path()) && !bToA.containsKey(nb.path())) {
                        pair(na.path(), nb.path());
                    }
                }
            }
            for (StepTree.Node na : nodesA) { // then in order
                if (aToB.containsKey(na.path())) {
                    continue;
                }
                for (StepTree.Node nb : nodesB) {
                    if (!bToA.containsKey(nb.path())) {
                        pair(na.path(), nb.path());
                        break;
                    }
                }
            }
        });
    }

    private void pair(String pathA, String pathB) {
        aToB.put(pathA, pathB);
        bToA.put(pathB, pathA);
    }

    private void queueChildren(String pathA, String pathB) {
        Map<String, List<Step>> bodiesB = Bodies.of(b.get(pathB).step());
        for (String name : Bodies.of(a.get(pathA).step()).keySet()) {
            if (bodiesB.containsKey(name)) {
                work.addLast(new String[] {StepPaths.body(pathA, name), StepPaths.body(pathB, name)});
            }
        }
    }

    private void drain() {
        while (!work.isEmpty()) {
            String[] bodyPair = work.removeFirst();
            if (processed.add(bodyPair[0])) {
                alignBody(bodyPair[0], bodyPair[1]);
            }
        }
    }

    /** Aligns one body of A with its counterpart in B around the pairs already known there. */
    private void alignBody(String prefixA, String prefixB) {
        List<StepTree.Node> bodyA = a.body(prefixA);
        List<StepTree.Node> bodyB = b.body(prefixB);
        Map<String, Integer> indexB = new LinkedHashMap<>();
        for (StepTree.Node n : bodyB) {
            indexB.put(n.path(), n.index());
        }
        // Pairs already inside both bodies are anchors, as long as they keep their relative order.
        List<int[]> anchors = new ArrayList<>();
        for (StepTree.Node n : bodyA) {
            Integer j = indexB.get(aToB.get(n.path()));
            if (j != null) {
                anchors.add(new int[] {n.index(), j});
            }
        }
        List<int[]> ordered = longestIncreasing(anchors);
        for (int[] anchor : anchors) {
            if (!ordered.contains(anchor)) {
                outOfOrder.add(bodyA.get(anchor[0]).path());
            }
        }
        int fromA = 0;
        int fromB = 0;
        for (int[] anchor : ordered) {
            alignGap(bodyA.subList(fromA, anchor[0]), bodyB.subList(fromB, anchor[1]));
            fromA = anchor[0] + 1;
            fromB = anchor[1] + 1;
        }
        alignGap(bodyA.subList(fromA, bodyA.size()), bodyB.subList(fromB, bodyB.size()));
        for (StepTree.Node n : bodyA) {
            String pathB = aToB.get(n.path());
            if (pathB != null && indexB.containsKey(pathB)) {
                queueChildren(n.path(), pathB);
            }
        }
    }

    /** Between two anchors: identical steps in order first, then same-kind steps by position. */
    private void alignGap(List<StepTree.Node> gapA, List<StepTree.Node> gapB) {
        List<StepTree.Node> freeA = gapA.stream().filter(n -> !aToB.containsKey(n.path())).toList();
        List<StepTree.Node> freeB = gapB.stream().filter(n -> !bToA.containsKey(n.path())).toList();
        List<int[]> same = commonSubsequence(freeA, freeB);
        int fromA = 0;
        int fromB = 0;
        for (int[] s : same) {
            pairByKind(freeA.subList(fromA, s[0]), freeB.subList(fromB, s[1]));
            pair(freeA.get(s[0]).path(), freeB.get(s[1]).path());
            fromA = s[0] + 1;
            fromB = s[1] + 1;
        }
        pairByKind(freeA.subList(fromA, freeA.size()), freeB.subList(fromB, freeB.size()));
    }

    private void pairByKind(List<StepTree.Node> restA, List<StepTree.Node> restB) {
        int next = 0;
        for (StepTree.Node na : restA) {
            for (int j = next; j < restB.size(); j++) {
                StepTree.Node nb = restB.get(j);
                if (nb.step().getClass() == na.step().getClass()) {
                    pair(na.path(), nb.path());
                    next = j + 1;
                    break;
                }
            }
        }
    }

    /** An unpaired step identical to an unpaired step elsewhere moved there (with all it contains). */
    private void matchMoves() {
        for (StepTree.Node na : a.preOrder) {
            if (aToB.containsKey(na.path())) {
                continue;
            }
            for (StepTree.Node nb : b.preOrder) {
                if (!bToA.containsKey(nb.path()) && nb.step().equals(na.step())) {
                    pair(na.path(), nb.path());
                    queueChildren(na.path(), nb.path());
                    drain();
                    break;
                }
            }
        }
    }

    /** Index pairs of a longest common subsequence of equal steps. */
    private static List<int[]> commonSubsequence(List<StepTree.Node> x, List<StepTree.Node> y) {
        int[][] len = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                len[i][j] = x.get(i).step().equals(y.get(j).step())
                        ? len[i + 1][j + 1] + 1
                        : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            if (x.get(i).step().equals(y.get(j).step())) {
                out.add(new int[] {i, j});
                i++;
                j++;
            } else if (len[i + 1][j] >= len[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** The longest run of pairs (sorted by A index) whose B indexes also increase. */
    private static List<int[]> longestIncreasing(List<int[]> pairs) {
        int n = pairs.size();
        int[] length = new int[n];
        int[] previous = new int[n];
        Arrays.fill(previous, -1);
        int best = -1;
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            for (int k = 0; k < i; k++) {
                if (pairs.get(k)[1] < pairs.get(i)[1] && length[k] + 1 > length[i]) {
                    length[i] = length[k] + 1;
                    previous[i] = k;
                }
            }
            if (best < 0 || length[i] > length[best]) {
                best = i;
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int i = best; i >= 0; i = previous[i]) {
            out.add(0, pairs.get(i));
        }
        return out;
    }
}
