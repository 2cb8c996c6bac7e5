//! The floor for reading CSDL: a quick-xml event scan of a file that builds
//! nothing (counts elements and attributes). `bench/peers.sh` runs it as a
//! process next to the peers and to `graph-model-codegen inspect`.

use quick_xml::events::Event;
use quick_xml::Reader;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: xml-scan FILE.xml");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let mut reader = Reader::from_str(&text);
    let (mut elements, mut attributes) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                elements += 1;
                attributes += e.attributes().count();
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    println!("{elements} elements, {attributes} attributes");
    std::process::ExitCode::SUCCESS
}
