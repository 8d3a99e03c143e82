package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.app.serve.Answers;
import dev.tacit.data.io.Json;
import dev.tacit.study.model.SavedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tacit recommend}: the items a saved model ranks highest for a user, or for each user of a list. */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend items with a saved model: the items with the highest predicted ratings, without "
                + "those the user rated in training unless --include-seen; ties go to the item listed first in the "
                + "model, so the list is deterministic.",
                "A user the model never saw gets the items of highest baseline (the training mean plus the item's "
                        + "bias), marked as such."},
        footer = {"", "Output: CSV user,rank,item,score[,title] on standard output, or --json.",
                "Exit codes: 0 done, 2 bad usage or a bad model file."})
final class RecommendCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by 'tacit fit'.")
    Path modelFile;

    @Option(names = "--user", paramLabel = "ID", description = "The user to recommend for.")
    String user;

    @Option(names = "--users", paramLabel = "FILE", description = "Recommend for every user listed (one id a line, "
            + "or the first column; '-' reads standard input).")
    String users;

    @Option(names = "--all-users", description = "Recommend for every user the model knows.")
    boolean allUsers;

    @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "How many items. Default: "
            + "${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--include-seen", description = "Also recommend items the user rated in training.")
    boolean includeSeen;

    @Option(names = "--json", description = "Print JSON: one object for --user, a list for several users.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        int given = (user != null ? 1 : 0) + (users != null ? 1 : 0) + (allUsers ? 1 : 0);
        if (given != 1) {
            throw new UsageException("give exactly one of --user ID, --users FILE and --all-users");
        }
        if (top < 1) {
            throw new UsageException("--top must be at least 1, got " + top);
        }
        SavedModel model = ModelFiles.load(modelFile);
        List<String> ids;
        if (user != null) {
            ids = List.of(user);
        } else if (allUsers) {
            ids = new ArrayList<>(model.users());
            for (int u = 0; u < model.users(); u++) {
                ids.add(model.userId(u));
            }
        } else {
            ids = ModelFiles.userList(users);
        }
        List<Object> all = new ArrayList<>();
        StringBuilder csv = new StringBuilder(json ? "" : "user,rank,item,score" + (model.hasTitles() ? ",title" : "")
                + "\n");
        for (String id : ids) {
            Map<String, Object> one = Answers.recommendation(model, id, top, includeSeen);
            if (json) {
                all.add(one);
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) one.get("items");
                for (int r = 0; r < items.size(); r++) {
                    Map<String, Object> it = items.get(r);
                    csv.append(Csv.field(id)).append(',').append(r + 1).append(',')
                            .append(Csv.field((String) it.get("item"))).append(',').append(it.get("score"));
                    if (model.hasTitles()) {
                        csv.append(',').append(Csv.field(String.valueOf(it.getOrDefault("title", ""))));
                    }
                    csv.append('\n');
                }
                if (csv.length() > 1 << 16) {
                    parent.out.write(csv.toString());
                    csv.setLength(0);
                }
            }
        }
        if (json) {
            parent.out.println(Json.write(user != null ? all.get(0) : all));
        } else {
            parent.out.write(csv.toString());
        }
        parent.out.flush();
        return 0;
    }
}
