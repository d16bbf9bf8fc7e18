//! Persisted cache files: only an intact file of this very function and key
//! is served (issue 9: 81 of 2,000 mutated files used to be served).

use std::path::Path;

use super::*;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Row {
    name: String,
    score: f64,
    tags: Vec<String>,
    parent: Option<u32>,
}

const IDENTITY: [u8; 32] = [7; 32];
const KEY: Key = Key([9; 32]);

fn write<T: Serialize>(dir: &Path, identity: &[u8; 32], qualname: &str, key: &Key, value: &T) {
    let entry = Entry {
        identity,
        qualname,
        key,
        type_name: std::any::type_name::<T>(),
    };
    write_atomically(&file_path(dir, identity, key), &entry, value).expect("write");
}

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("ls")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    v.sort();
    v
}

/// A small deterministic generator (xorshift64*), so every run mutates the
/// same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn byte(&mut self) -> u8 {
        // Mostly bytes that keep RON valid, so many mutations still parse.
        const LIKELY: &[u8] = b"0123456789.-+,:()[]\" \neE_abcdefSomeNonetrue";
        if self.below(4) == 0 {
            self.next() as u8
        } else {
            LIKELY[self.below(LIKELY.len())]
        }
    }
}

/// One random mutation of `file`: a flipped bit, a changed, inserted,
/// deleted, duplicated or swapped run of bytes, a truncation, an append, or
/// one digit of the value changed into another (the kind that yields
/// another valid value of the same type).
fn mutate(file: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut f = file.to_vec();
    let at = rng.below(f.len());
    match rng.below(10) {
        0 => f[at] ^= 1 << rng.below(8),
        1 => f[at] = rng.byte(),
        2 => {
            let end = (at + 1 + rng.below(8)).min(f.len());
            f.drain(at..end);
        }
        3 => {
            for _ in 0..=rng.below(4) {
                let b = rng.byte();
                f.insert(at, b);
            }
        }
        4 => f.truncate(at),
        5 => {
            let end = (at + 1 + rng.below(16)).min(f.len());
            let copy = f[at..end].to_vec();
            f.splice(at..at, copy);
        }
        6 => {
            let other = rng.below(f.len());
            f.swap(at, other);
        }
        7 => {
            for _ in 0..=rng.below(3) {
                let b = rng.byte();
                f.push(b);
            }
        }
        _ => {
            let digits: Vec<usize> = (0..f.len()).filter(|i| f[*i].is_ascii_digit()).collect();
            let i = digits[rng.below(digits.len())];
            f[i] = b'0' + ((f[i] - b'0' + 1 + rng.below(9) as u8) % 10);
        }
    }
    f
}

fn mutation_round<T>(value: &T, rounds: usize, seed: u64) -> usize
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), &IDENTITY, "crate::load_rows", &KEY, value);
    let path = file_path(dir.path(), &IDENTITY, &KEY);
    let original = std::fs::read(&path).expect("read");
    match lookup::<T>(dir.path(), &IDENTITY, "crate::load_rows", &KEY) {
        Lookup::Hit(v) => assert_eq!(&v, value),
        _ => panic!("the intact file is served"),
    }
    let mut rng = Rng(seed);
    let mut tried = 0;
    let mut first_copy: Option<Vec<u8>> = None;
    for _ in 0..rounds {
        let mutated = mutate(&original, &mut rng);
        if mutated == original {
            continue;
        }
        tried += 1;
        std::fs::write(&path, &mutated).expect("write");
        match lookup::<T>(dir.path(), &IDENTITY, "crate::load_rows", &KEY) {
            Lookup::Hit(v) => panic!(
                "a mutated file was served as {v:?}:\n{}",
                String::from_utf8_lossy(&mutated)
            ),
            Lookup::Miss => panic!("a file that exists is not a plain miss"),
            Lookup::Rejected { notice, .. } => {
                assert!(notice.contains("crate::load_rows"), "{notice}");
            }
        }
        // Mutated into the old format: a stale file, replaced by the next save.
        if mutated.starts_with(b"brook-cache 1\n") {
            continue;
        }
        assert!(!path.exists(), "moved aside");
        let copies = corrupt_copies(dir.path());
        let first = dir.path().join(format!("{}.corrupt-1", path.display()));
        match &first_copy {
            None => {
                assert_eq!(copies, std::slice::from_ref(&first));
                first_copy = Some(std::fs::read(&first).expect("read"));
            }
            Some(kept) => {
                // The first copy set aside is never overwritten; the new one
                // is a copy of its own (removed here to keep the test fast).
                assert_eq!(&std::fs::read(&first).expect("read"), kept);
                assert_eq!(copies.len(), 2, "{copies:?}");
                let new = copies.iter().find(|p| **p != first).expect("new copy");
                assert_eq!(std::fs::read(new).expect("read"), mutated);
                std::fs::remove_file(new).expect("rm");
            }
        }
    }
    tried
}

#[test]
fn mutated_cache_files_are_never_served_as_valid_values() {
    let rows: Vec<Row> = (0..4_u32)
        .map(|i| Row {
            name: format!("row {i}"),
            score: f64::from(i) * 1.5,
            tags: vec!["a".into(), format!("t{i}")],
            parent: i.checked_sub(1),
        })
        .collect();
    let mut tried = mutation_round(&rows, 1_500, 0x9E37_79B9_7F4A_7C15);
    tried += mutation_round(&vec![1_i64, 22, 333, 4_444], 800, 42);
    tried += mutation_round(&(String::from("x"), 0.5_f64, true), 500, 7);
    assert!(tried >= 2_000, "only {tried} distinct mutations");
}

#[test]
fn a_file_of_another_function_or_key_or_type_is_not_served() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let other_fn = [8; 32];
    let other_key = Key([10; 32]);
    // Another function's valid file copied under this function's name.
    write(d, &other_fn, "crate::other", &KEY, &vec![1_i64]);
    std::fs::copy(file_path(d, &other_fn, &KEY), file_path(d, &IDENTITY, &KEY)).expect("copy");
    let Lookup::Rejected { notice, .. } = lookup::<Vec<i64>>(d, &IDENTITY, "crate::f", &KEY) else {
        panic!("served another function's value")
    };
    assert!(
        notice.contains("function line says `function: crate::other`"),
        "{notice}"
    );

    // Another key's file.
    write(d, &IDENTITY, "crate::f", &other_key, &vec![1_i64]);
    std::fs::copy(
        file_path(d, &IDENTITY, &other_key),
        file_path(d, &IDENTITY, &KEY),
    )
    .expect("copy");
    let Lookup::Rejected { notice, .. } = lookup::<Vec<i64>>(d, &IDENTITY, "crate::f", &KEY) else {
        panic!("served another key's value")
    };
    assert!(notice.contains("its key line says"), "{notice}");

    // The same function returning another type.
    write(d, &IDENTITY, "crate::f", &KEY, &vec![1_i32]);
    let Lookup::Rejected { notice, .. } = lookup::<Vec<i64>>(d, &IDENTITY, "crate::f", &KEY) else {
        panic!("served a value of another type")
    };
    assert!(notice.contains("its type line says"), "{notice}");

    // Three problems, three copies, none overwritten.
    assert_eq!(corrupt_copies(d).len(), 3, "{:?}", corrupt_copies(d));
}

#[test]
fn a_file_of_the_older_format_is_a_miss_replaced_by_the_next_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = file_path(dir.path(), &IDENTITY, &KEY);
    std::fs::write(&path, "brook-cache 1\n[1, 2]").expect("write");
    let Lookup::Rejected { notice, .. } = lookup::<Vec<i64>>(dir.path(), &IDENTITY, "f", &KEY)
    else {
        panic!("served a file of the old format")
    };
    assert!(notice.contains("older brook"), "{notice}");
    assert!(corrupt_copies(dir.path()).is_empty(), "stale, not damaged");
    write(dir.path(), &IDENTITY, "f", &KEY, &vec![3_i64]);
    assert!(matches!(
        lookup::<Vec<i64>>(dir.path(), &IDENTITY, "f", &KEY),
        Lookup::Hit(v) if v == [3]
    ));
}
