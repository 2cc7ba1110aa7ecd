// One JVM for the COCO caption toolkit's two Java tools, driven by mella_eval.metrics.java.
//
// Commands on stdin, one per line, answers on stdout:
//   PTB <in> <out>   run pycocoevalcap's PTBTokenizer main (-preserveLines -lowerCase) on file
//                    <in>, writing its stdout to file <out>; answers "OK"
//   METEOR <n>       then n lines "SCORE ||| ref ||| ... ||| hyp" exactly as Meteor 1.5's
//                    -stdio mode takes them; answers n stats lines, in input order
// Meteor scoring runs on <threads> workers, each a MeteorScorer copied from one configured
// scorer (Meteor's own copy constructor), so the paraphrase table is loaded once.
import edu.cmu.meteor.scorer.MeteorConfiguration;
import edu.cmu.meteor.scorer.MeteorScorer;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;

public class MellaCoco {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        String[] meteorArgs = Arrays.copyOfRange(args, 1, args.length);
        Properties props = Meteor.createPropertiesFromArgs(meteorArgs, 2);
        MeteorScorer[] base = new MeteorScorer[1];  // built on first METEOR: PTB-only runs skip it
        ThreadLocal<MeteorScorer> local = ThreadLocal.withInitial(() -> new MeteorScorer(base[0]));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r); t.setDaemon(true); return t; });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        System.out.println("READY");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("PTB ")) {
                String[] p = line.split(" ");
                PrintStream saved = System.out;
                try (PrintStream file = new PrintStream(new FileOutputStream(p[2]), true, "UTF-8")) {
                    System.setOut(file);
                    edu.stanford.nlp.process.PTBTokenizer.main(
                        new String[] {"-preserveLines", "-lowerCase", p[1]});
                } finally {
                    System.setOut(saved);
                }
                out.println("OK");
                out.flush();
            } else if (line.startsWith("METEOR ")) {
                int n = Integer.parseInt(line.substring(7).trim());
                if (base[0] == null) base[0] = new MeteorScorer(new MeteorConfiguration(props));
                List<Future<String>> results = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String score = in.readLine();
                    results.add(pool.submit(() -> stats(local.get(), score)));
                }
                for (Future<String> f : results) out.println(f.get());
                out.flush();
            }
        }
        pool.shutdownNow();
    }

    // Meteor 1.5 -stdio SCORE handling: split on |||, trim, last part is the hypothesis.
    static String stats(MeteorScorer scorer, String line) {
        String[] parts = line.split("\\|\\|\\|");
        ArrayList<String> refs = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) refs.add(parts[i].trim());
        return scorer.getMeteorStats(parts[parts.length - 1].trim(), refs).toString();
    }
}
