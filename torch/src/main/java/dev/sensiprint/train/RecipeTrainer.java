package dev.sensiprint.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.sensiprint.architecture.Architecture;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.ImageShape;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.export.TorchScriptExporter;
import dev.sensiprint.model.TorchRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link Recipe} with DJL's training API (a {@link Trainer} with Adam and softmax cross
 * entropy) and exports the result as TorchScript.
 *
 * <p>Reproducible: the initial weights come from libtorch's generator seeded with the run's seed,
 * the batch order from a {@link SplittableRandom} with the same seed, and the thread count is
 * pinned; nothing reads the clock except the reported training time.
 */
public final class RecipeTrainer implements AutoCloseable {

    private static final int EVAL_BATCH = 500;

    private final TrainingRun run;
    private final Model model;
    private final Trainer trainer;

    private RecipeTrainer(TrainingRun run, Model model, Trainer trainer) {
        this.run = run;
        this.model = model;
        this.trainer = trainer;
    }

    /** A freshly initialised network for {@code run}, seeded. */
    public static RecipeTrainer start(TrainingRun run) {
        TorchRuntime.setIntraOpThreads(run.threads());
        TorchRuntime.configureCallingThread();
        Architecture a = run.recipe().architecture();
        Model model =
                Model.newInstance(run.recipe().name(), Device.cpu(), TorchRuntime.ENGINE_NAME);
        try {
            model.setBlock(a.block());
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optDevices(new Device[] {Device.cpu()})
                            .optOptimizer(
                                    Adam.builder()
                                            .optLearningRateTracker(
                                                    Tracker.fixed(run.recipe().learningRate()))
                                            .build());
            Trainer trainer = model.newTrainer(config);
            // Seeded right before initialisation: DJL's initialisers draw from libtorch's
            // generator.
            TorchRuntime.seed((int) run.seed());
            ImageShape in = a.input();
            trainer.initialize(new Shape(1, in.channels(), in.height(), in.width()));
            return new RecipeTrainer(run, model, trainer);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Trains for the run's epochs.
     *
     * @throws BadInputException if the data do not fit the recipe (image shape, labels)
     */
    public TrainingResult train(DataSplit.TrainTest data, TrainingListener listener) {
        Architecture a = run.recipe().architecture();
        for (ImageDataset d : List.of(data.train(), data.test())) {
            if (!d.imageShape().equals(a.input())) {
                throw new BadInputException(
                        d.description()
                                + ": images are "
                                + d.imageShape()
                                + ", recipe "
                                + run.recipe().name()
                                + " needs "
                                + a.input());
            }
            if (d.size() == 0 || d.numClasses() > a.classes()) {
                throw new BadInputException(
                        d.description()
                                + ": "
                                + d.size()
                                + " images in "
                                + d.numClasses()
                                + " classes; recipe "
                                + run.recipe().name()
                                + " needs images in at most "
                                + a.classes()
                                + " classes");
            }
        }
        int n = Math.min(data.train().size(), run.recipe().trainLimit());
        int batch = run.recipe().batchSize();
        int batches = (n + batch - 1) / batch;
        SplittableRandom shuffle = new SplittableRandom(run.seed());
        long started = System.nanoTime();
        double meanLoss = Double.NaN;
        double accuracy = Double.NaN;
        for (int epoch = 1; epoch <= run.epochs(); epoch++) {
            listener.epochStarted(epoch, run.epochs(), batches);
            int[] order = permutation(n, shuffle);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                float loss = step(LabeledBatch.of(data.train(), idx));
                lossSum += loss;
                listener.batchDone(epoch, b + 1, loss);
            }
            meanLoss = lossSum / batches;
            accuracy = accuracy(data.test());
            listener.epochDone(
                    epoch,
                    run.epochs(),
                    meanLoss,
                    accuracy,
                    Duration.ofNanos(System.nanoTime() - started));
        }
        return new TrainingResult(
                run,
                n,
                data.test().size(),
                parameterCount(),
                meanLoss,
                accuracy,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private float step(LabeledBatch b) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = b.images(m);
            NDArray y = b.labelArray(m);
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(x));
                NDArray l = trainer.getLoss().evaluate(new NDList(y), out);
                gc.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /** Top-1 accuracy of the current weights on the labelled images of {@code test}. */
    public double accuracy(ImageDataset test) {
        Block block = model.getBlock();
        int correct = 0;
        int labelled = 0;
        for (int from = 0; from < test.size(); from += EVAL_BATCH) {
            int to = Math.min(test.size(), from + EVAL_BATCH);
            List<Integer> keep = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (test.get(i).hasLabel()) {
                    keep.add(i);
                }
            }
            if (keep.isEmpty()) {
                continue;
            }
            LabeledBatch b =
                    LabeledBatch.of(test, keep.stream().mapToInt(Integer::intValue).toArray());
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray scores =
                        block.forward(new ParameterStore(m, false), new NDList(b.images(m)), false)
                                .singletonOrThrow();
                long[] predicted = scores.argMax(1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == b.labels()[i]) {
                        correct++;
                    }
                }
            }
            labelled += keep.size();
        }
        return labelled == 0 ? Double.NaN : (double) correct / labelled;
    }

    /** The block's outputs (logits) for a batch, for comparing with the exported file. */
    public float[] logits(LabeledBatch b) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            return model.getBlock()
                    .forward(new ParameterStore(m, false), new NDList(b.images(m)), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    /** The current weights, named and ordered as the architecture's parameters. */
    public List<TorchScriptExporter.Tensor> weights() {
        List<String> names = run.recipe().architecture().parameterNames();
        List<Pair<String, Parameter>> params = model.getBlock().getParameters().stream().toList();
        if (params.size() != names.size()) {
            throw new IllegalStateException(
                    "block has " + params.size() + " parameters, architecture " + names.size());
        }
        List<TorchScriptExporter.Tensor> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            NDArray a = params.get(i).getValue().getArray();
            out.add(
                    new TorchScriptExporter.Tensor(
                            names.get(i), a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    /** Writes the current weights as a TorchScript file. */
    public void export(Path out) {
        TorchScriptExporter.write(run.recipe().architecture(), weights(), out);
    }

    private long parameterCount() {
        long n = 0;
        for (TorchScriptExporter.Tensor t : weights()) {
            n += t.values().length;
        }
        return n;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
