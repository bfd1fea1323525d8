"""Vocabulary and answers in the loaders' order; the app's tokenizer in Python."""
import ast
import json
import os
import unittest

import support  # noqa: F401
from support import EXAMPLES, temp_dir

import avqa_lens
from avqa_lens.vocab import loader_words

# MUSIC-AVQA style records with the quirks of the released files: a trailing space, a
# full-width question mark, several placeholders, a placeholder with a suffix, a doubled
# space, templ_values as a string, answers repeated and out of order.
SAMPLES = [
    {"video_id": "1", "question_id": 1, "question_content": "How many sounding <Object> in the video\uff1f",
     "templ_values": "[\"piano\"]", "anser": "two"},
    {"video_id": "1", "question_id": 2, "question_content": "What kind of instrument is the <LRer> instrument? ",
     "templ_values": "[\"leftest\"]", "anser": "guzheng"},
    {"video_id": "2", "question_id": 3, "question_content": "Is the <Object> on the <LR> louder than the <Object> on the <LR>?",
     "templ_values": "[\"cello\", \"left\", \"violin\", \"right\"]", "anser": "no"},
    {"video_id": "2", "question_id": 4, "question_content": "Are there <Object>s in the video?",
     "templ_values": "[\"flute\"]", "anser": "two"},
    {"video_id": "3", "question_id": 5, "question_content": "How many  instruments are sounding?",
     "templ_values": "[]", "anser": "one"},
    {"video_id": "3", "question_id": 6, "question_content": "Is there a <Object> sound?",
     "templ_values": "[\"acoustic_guitar\"]", "anser": "yes"},
    {"video_id": "4", "question_id": 7, "question_content": "Is there a <Object> sound?",
     "templ_values": "[\"piano\"]", "anser": "no"},
]


def reference_loader(samples):
    """The loop of MUSIC-AVQA's AVST loader (and PSTP-Net's, TSPM's), written again here."""
    ques_vocab = ["<pad>"]
    ans_vocab = []
    for sample in samples:
        question = sample["question_content"].rstrip().split(" ")
        question[-1] = question[-1][:-1]
        p = 0
        for pos in range(len(question)):
            if "<" in question[pos]:
                question[pos] = ast.literal_eval(sample["templ_values"])[p]
                p += 1
        for wd in question:
            if wd not in ques_vocab:
                ques_vocab.append(wd)
        if sample["anser"] not in ans_vocab:
            ans_vocab.append(sample["anser"])
    return ques_vocab, ans_vocab


class BuildVocab(unittest.TestCase):
    def test_the_loaders_order_from_a_training_file(self):
        with temp_dir() as d:
            path = os.path.join(d, "avqa-train.json")
            with open(path, "w") as f:
                json.dump(SAMPLES, f, indent=2)
            words, answers = reference_loader(SAMPLES)
            for loader in ("avst", "pstp", "tspm"):
                built = avqa_lens.build_vocab(path, loader=loader)
                self.assertEqual(built.words, words, loader)
                self.assertEqual(built.answers, answers, loader)
                self.assertEqual(built.max_len, 14)
        self.assertEqual(answers, ["two", "guzheng", "no", "one", "yes"])
        self.assertIn("", words)            # the doubled space: an empty word, as the loader makes it
        self.assertIn("flute", words)       # "<Object>s": the whole word is replaced
        self.assertIn("instrument", words)  # "instrument? " lost its "?" after the rstrip
        self.assertIn("video", words)       # "video？" lost the full-width mark

    def test_the_shipped_sample_file(self):
        path = os.path.join(EXAMPLES, "avqa-train-sample.json")
        with open(path) as f:
            samples = json.load(f)
        words, answers = reference_loader(samples)
        built = avqa_lens.build_vocab(path, loader="avst")
        self.assertEqual((built.words, built.answers), (words, answers))

    def test_unknown_loader(self):
        with self.assertRaisesRegex(ValueError, 'unknown loader "avqa"; known: avst, pstp, tspm'):
            avqa_lens.build_vocab(SAMPLES, loader="avqa")

    def test_load_vocab_list_and_word_to_ix(self):
        with temp_dir() as d:
            listed = os.path.join(d, "vocab.json")
            mapped = os.path.join(d, "word_to_ix.json")
            bad = os.path.join(d, "bad.json")
            for path, data in ((listed, ["<pad>", "how", "many"]), (mapped, {"many": 2, "<pad>": 0, "how": 1}),
                               (bad, ["how", "<pad>"])):
                with open(path, "w") as f:
                    json.dump(data, f)
            self.assertEqual(avqa_lens.load_vocab(listed), ["<pad>", "how", "many"])
            self.assertEqual(avqa_lens.load_vocab(mapped), ["<pad>", "how", "many"])
            with self.assertRaisesRegex(ValueError, 'vocab must start with "<pad>".*it starts with "how"'):
                avqa_lens.load_vocab(bad)


class Tokenize(unittest.TestCase):
    VOCAB = ["<pad>", "<unk>", "how", "many", "is", "there", "a", "violin", "sound"]

    def test_what_the_app_feeds_a_token_model(self):
        t = avqa_lens.tokenize("Is there a violin sound?", self.VOCAB, 6, lowercase=True)
        self.assertEqual(t.words, ["is", "there", "a", "violin", "sound"])
        self.assertEqual(t.ids, [4, 5, 6, 7, 8, 0])
        self.assertEqual(avqa_lens.tokenize("how many?", self.VOCAB, 6, lowercase=True).ids, [2, 3, 0, 0, 0, 0])
        self.assertEqual(avqa_lens.tokenize("How many cellos?  ", self.VOCAB, 3).words, ["How", "many", "cellos"])
        self.assertEqual(avqa_lens.tokenize("How many cellos?", self.VOCAB, 3).ids, [1, 3, 1])  # case kept: "How" unknown
        no_unk = ["<pad>", "how", "many"]
        t = avqa_lens.tokenize("how  many cellos\uff1f", no_unk, 4)
        self.assertEqual((t.ids, t.dropped), ([1, 2, 0, 0], ["cellos"]))
        t = avqa_lens.tokenize("Is the <Object> on the <LR>?", ["<pad>", "Is", "the", "on", "cello", "left"], 8, templ_values='["cello", "left"]')
        self.assertEqual(t.words, ["Is", "the", "cello", "on", "the", "left"])
        self.assertEqual(len(avqa_lens.tokenize("a a a a a a a a?", ["<pad>", "a"], 3).ids), 3)

    def test_the_app_and_the_loader_agree_on_plain_questions(self):
        path = os.path.join(EXAMPLES, "avqa-train-sample.json")
        built = avqa_lens.build_vocab(path)
        index = {w: i for i, w in enumerate(built.words)}
        with open(path) as f:
            samples = json.load(f)
        for sample in samples:
            words = loader_words(sample)
            loader_ids = [index[w] for w in words] + [0] * (built.max_len - len(words))
            app = avqa_lens.tokenize(sample["question_content"], built.words, built.max_len, templ_values=sample["templ_values"])
            self.assertEqual(app.ids, loader_ids, sample["question_content"])

    def test_vocab_sha256_is_of_compact_utf8_json(self):
        import hashlib
        vocab = ["<pad>", "caf\u00e9", "\u5409\u4ed6", "a\"b"]
        text = '["<pad>","caf\u00e9","\u5409\u4ed6","a\\"b"]'
        self.assertEqual(avqa_lens.vocab_sha256(vocab), hashlib.sha256(text.encode("utf-8")).hexdigest())


if __name__ == "__main__":
    unittest.main()
