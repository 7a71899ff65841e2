import type { Random } from "@/lib/seed/random";

// Towns with their postcode areas, so generated addresses look like the real estate.
export const TOWNS: readonly (readonly [string, string])[] = [
  ["London", "SW"], ["London", "SE"], ["London", "EC"], ["London", "WC"], ["London", "E"],
  ["London", "N"], ["London", "NW"], ["London", "W"], ["Leeds", "LS"], ["Manchester", "M"],
  ["Birmingham", "B"], ["Bristol", "BS"], ["Sheffield", "S"], ["Newcastle upon Tyne", "NE"],
  ["Liverpool", "L"], ["Nottingham", "NG"], ["Leicester", "LE"], ["Cardiff", "CF"],
  ["Swansea", "SA"], ["Glasgow", "G"], ["Edinburgh", "EH"], ["Aberdeen", "AB"], ["Dundee", "DD"],
  ["Belfast", "BT"], ["Norwich", "NR"], ["Cambridge", "CB"], ["Oxford", "OX"], ["Reading", "RG"],
  ["Southampton", "SO"], ["Portsmouth", "PO"], ["Plymouth", "PL"], ["Exeter", "EX"],
  ["Salisbury", "SP"], ["Swindon", "SN"], ["Gloucester", "GL"], ["Cheltenham", "GL"],
  ["York", "YO"], ["Hull", "HU"], ["Durham", "DH"], ["Preston", "PR"], ["Lancaster", "LA"],
  ["Carlisle", "CA"], ["Lincoln", "LN"], ["Peterborough", "PE"], ["Ipswich", "IP"],
  ["Colchester", "CO"], ["Chelmsford", "CM"], ["Canterbury", "CT"], ["Brighton", "BN"],
  ["Guildford", "GU"], ["Croydon", "CR"], ["Milton Keynes", "MK"], ["Northampton", "NN"],
  ["Coventry", "CV"], ["Wolverhampton", "WV"], ["Stoke-on-Trent", "ST"], ["Derby", "DE"],
  ["Telford", "TF"], ["Shrewsbury", "SY"], ["Hereford", "HR"], ["Worcester", "WR"],
  ["Bath", "BA"], ["Taunton", "TA"], ["Truro", "TR"], ["Bournemouth", "BH"], ["Darlington", "DL"],
  ["Middlesbrough", "TS"], ["Sunderland", "SR"], ["Bradford", "BD"], ["Huddersfield", "HD"],
  ["Wakefield", "WF"], ["Doncaster", "DN"], ["Inverness", "IV"], ["Stirling", "FK"],
  ["Perth", "PH"], ["Newport", "NP"], ["Wrexham", "LL"], ["Chester", "CH"], ["Warrington", "WA"],
];

const STREETS = [
  "High Street", "Station Road", "Victoria Street", "Queen Street", "King Street", "Church Lane",
  "Park Road", "Mill Lane", "London Road", "Castle Street", "Bridge Street", "Marsh Wall",
  "Whitehall Place", "Horse Guards Road", "Albert Embankment", "Quay Side", "Riverside Way",
  "Enterprise Way", "Aviation Road", "Barrack Road", "Commercial Street", "Wellington Road",
  "North Street", "Southgate", "Westgate", "Eastgate", "George Street", "Market Place",
  "Princes Street", "Crown Way", "Tower Hill", "Dock Road", "Cathedral Close", "Canal Street",
];

const BUILDINGS = [
  "House", "Court", "Centre", "Building", "Tower", "Depot", "Office", "Hub", "Barracks",
  "Records Centre", "Processing Centre", "Contact Centre", "Data Centre", "Laboratory", "Store",
];

const NAMES = [
  "Quarry", "Caxton", "Peel", "Trinity", "Canterbury", "Clive", "Marsham", "Petty France", "Kings",
  "Bishops", "Alexander", "Windsor", "Sovereign", "Heron", "Harbour", "Meridian", "Riverside",
  "Parkside", "Horizon", "Apex", "Lowry", "Brunel", "Telford", "Wren", "Nelson", "Drake",
  "Cavendish", "Stephenson", "Faraday", "Newton", "Darwin", "Turing", "Lovelace", "Attlee",
];

// Postcode inward code letters never include C, I, K, M, O or V.
const INWARD = "ABDEFGHJLNPQRSTUWXYZ";

export interface Address {
  name: string;
  addressLine1: string;
  town: string;
  postcode: string;
}

export function address(rng: Random, orgAcronym: string): Address {
  const [town, area] = rng.pick(TOWNS);
  const district = area.length === 1 ? rng.int(1, 40) : rng.int(1, 19);
  const postcode = `${area}${district} ${rng.int(1, 9)}${INWARD[rng.int(0, INWARD.length - 1)]}${INWARD[rng.int(0, INWARD.length - 1)]}`;
  const name = rng.chance(0.5)
    ? `${rng.pick(NAMES)} ${rng.pick(BUILDINGS)}`
    : `${orgAcronym} ${town} ${rng.pick(BUILDINGS)}`;
  return { name, addressLine1: `${rng.int(1, 240)} ${rng.pick(STREETS)}`, town, postcode };
}
