"""Vocabularies and answer lists as the MUSIC-AVQA loaders build them, and the app's
tokenizer (models/QuestionTokenizer.cpp) in Python.

The loaders of AVST (GeWu-Lab/MUSIC-AVQA, net_grd_avst/dataloader_avst.py), PSTP-Net
(GeWu-Lab/PSTP-Net, dataloader.py) and TSPM (GeWu-Lab/TSPM, dataloader.py) build both lists
with the same loop over the training JSON, so the three names give the same result; they are
kept apart so an export says which loader it reproduces.
"""
import ast
import collections
import json

PAD = "<pad>"
UNK = "<unk>"

# The loaders by name: the training file each reads by default and its question length.
LOADERS = {
    "avst": {"repository": "GeWu-Lab/MUSIC-AVQA", "file": "net_grd_avst/dataloader_avst.py",
             "train_json": "./data/json/avqa-train.json", "max_len": 14},
    "pstp": {"repository": "GeWu-Lab/PSTP-Net", "file": "dataloader.py",
             "train_json": "./dataset/split_que_id/music_avqa_train.json", "max_len": 14},
    "tspm": {"repository": "GeWu-Lab/TSPM", "file": "dataloader.py",
             "train_json": "../dataset/split_que_id/music_avqa_train.json", "max_len": 14},
}

LoaderVocab = collections.namedtuple("LoaderVocab", "words answers max_len loader")


def loader_words(sample):
    """One sample's words as the loaders make them: rstrip, split on single spaces (empty
    words stay), drop the last character of the last word, then replace every word that
    contains "<" by the next templ_values entry (the whole word, one entry each)."""
    question = sample["question_content"].rstrip().split(" ")
    question[-1] = question[-1][:-1]
    values = sample.get("templ_values", "[]")
    if isinstance(values, str):
        values = ast.literal_eval(values)
    p = 0
    for pos in range(len(question)):
        if "<" in question[pos]:
            question[pos] = values[p]
            p += 1
    return question


def build_vocab(train_json, loader="avst"):
    """(words, answers, max_len, loader) in the exact order `loader` builds them from a
    MUSIC-AVQA training JSON (a path or the loaded list of samples): words start from
    ["<pad>"] and grow in first-seen order over the samples' words; answers start empty
    and grow in first-seen order of sample["anser"]."""
    if loader not in LOADERS:
        raise ValueError('unknown loader "%s"; known: %s' % (loader, ", ".join(sorted(LOADERS))))
    if isinstance(train_json, (str, bytes)) or hasattr(train_json, "__fspath__"):
        with open(train_json, "r", encoding="utf-8") as f:
            samples = json.load(f)
    else:
        samples = train_json
    words = [PAD]
    answers = []
    seen_words = {PAD}
    seen_answers = set()
    for sample in samples:
        for word in loader_words(sample):
            if word not in seen_words:
                seen_words.add(word)
                words.append(word)
        answer = sample["anser"]
        if answer not in seen_answers:
            seen_answers.add(answer)
            answers.append(answer)
    return LoaderVocab(words, answers, LOADERS[loader]["max_len"], loader)


def load_vocab(path):
    """A vocabulary the researcher saved as a JSON list of words (index = position), or as
    a {word: index} object (word_to_ix); it must start with "<pad>"."""
    with open(path, "r", encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, dict):
        indices = sorted(data.values())
        if indices != list(range(len(indices))):
            raise ValueError("%s: a {word: index} vocabulary needs the indices 0..N-1 once each" % path)
        words = [None] * len(indices)
        for word, index in data.items():
            words[index] = word
        data = words
    if not isinstance(data, list) or not all(isinstance(w, str) for w in data):
        raise ValueError("%s: a vocabulary is a JSON list of words" % path)
    check_vocab(data)
    return data


def check_vocab(vocab):
    if not vocab or vocab[0] != PAD:
        first = '"%s"' % vocab[0] if vocab else "nothing (it is empty)"
        raise ValueError('vocab must start with "<pad>" (index 0, the padding id); it starts with %s' % first)


def _fill_template(text, values):
    # TemplateCatalog.cpp fillTemplate: each "<...>" span (to the next ">") takes the next
    # value; once the values run out the placeholder stays as written.
    out = []
    value = 0
    i = 0
    while i < len(text):
        open_ = text.find("<", i)
        close = -1 if open_ < 0 else text.find(">", open_)
        if close < 0:
            out.append(text[i:])
            break
        out.append(text[i:open_])
        if value < len(values):
            out.append(values[value])
            value += 1
        else:
            out.append(text[open_:close + 1])
        i = close + 1
    return "".join(out)


Tokenized = collections.namedtuple("Tokenized", "ids words dropped")


def tokenize(question, vocab, max_len, lowercase=False, templ_values=()):
    """What the app feeds a token model (models/QuestionTokenizer.cpp): strip trailing
    white space, drop the last character, fill placeholders, lowercase ASCII letters if
    asked, split on spaces (empty words skipped), unknown words to "<unk>" if the vocab has
    it else dropped, truncate to max_len, pad with 0."""
    text = question.rstrip(" \t\n\v\f\r")
    text = text[:-1]
    if isinstance(templ_values, str):
        templ_values = ast.literal_eval(templ_values)
    text = _fill_template(text, list(templ_values))
    if lowercase:
        text = "".join(c.lower() if "A" <= c <= "Z" else c for c in text)
    index = {}
    for i, word in enumerate(vocab):
        index.setdefault(word, i)
    ids, words, dropped = [], [], []
    for word in text.split(" "):
        if not word:
            continue
        if word in index:
            ids.append(index[word])
            words.append(word)
        elif UNK in index:
            ids.append(index[UNK])
            words.append(word)
        else:
            dropped.append(word)
    ids = ids[:max_len]
    words = words[:max_len]
    ids = ids + [0] * (max_len - len(ids))
    return Tokenized(ids, words, dropped)
