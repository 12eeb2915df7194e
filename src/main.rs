fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(2).map(Into::into).collect();
    let corpus = if paths.is_empty() { referat::Corpus::bundled() } else { referat::Corpus::load(&paths) };
    println!("{}", referat::export::to_json(&corpus.meetings));
}
