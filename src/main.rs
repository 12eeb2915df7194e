fn main() {
    let corpus = referat::Corpus::bundled();
    println!("{} meetings", corpus.meetings.len());
}
