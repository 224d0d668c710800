/** A real US metro area that demo organizations are placed in. */
export interface Metro {
  state: string
  /** Zip code prefixes (first three digits) of the area. */
  zipPrefixes: readonly string[]
  /** Organization names, in the order organizations of this metro are given them. */
  organizations: readonly string[]
  /** Utilities named by outages in this area. */
  utilities: readonly string[]
  /** City and suburbs with their centres (WGS 84); points cluster around them. */
  localities: ReadonlyArray<{ name: string, lat: number, lon: number }>
}

export const METROS: readonly Metro[] = [
  {
    state: 'TX',
    zipPrefixes: ['787', '786'],
    organizations: ['City of Austin Utilities', 'Travis County Electric Cooperative', 'Hill Country Water Authority'],
    utilities: ['City of Austin Utilities', 'Travis County Electric Cooperative', 'Bluebonnet Rural Electric'],
    localities: [
      { name: 'Austin', lat: 30.2672, lon: -97.7431 },
      { name: 'Round Rock', lat: 30.5083, lon: -97.6789 },
      { name: 'Cedar Park', lat: 30.5052, lon: -97.8203 },
      { name: 'Pflugerville', lat: 30.4394, lon: -97.6200 },
      { name: 'Georgetown', lat: 30.6333, lon: -97.6770 },
      { name: 'San Marcos', lat: 29.8833, lon: -97.9414 },
      { name: 'Kyle', lat: 29.9891, lon: -97.8772 }
    ]
  },
  {
    state: 'TX',
    zipPrefixes: ['770', '773', '774'],
    organizations: ['Gulf Coast Power & Light', 'City of Houston Public Works', 'Harris County Fiber Network'],
    utilities: ['Gulf Coast Power & Light', 'Bayou Electric Delivery', 'San Jacinto Rural Electric'],
    localities: [
      { name: 'Houston', lat: 29.7604, lon: -95.3698 },
      { name: 'Pasadena', lat: 29.6911, lon: -95.2091 },
      { name: 'Sugar Land', lat: 29.6197, lon: -95.6349 },
      { name: 'The Woodlands', lat: 30.1658, lon: -95.4613 },
      { name: 'Katy', lat: 29.7858, lon: -95.8245 },
      { name: 'Pearland', lat: 29.5636, lon: -95.2860 },
      { name: 'Baytown', lat: 29.7355, lon: -94.9774 }
    ]
  },
  {
    state: 'CO',
    zipPrefixes: ['802', '801'],
    organizations: ['Front Range Electric', 'Denver Water & Power', 'City of Aurora Utilities'],
    utilities: ['Front Range Electric', 'Mile High Power', 'Platte Valley Energy'],
    localities: [
      { name: 'Denver', lat: 39.7392, lon: -104.9903 },
      { name: 'Aurora', lat: 39.7294, lon: -104.8319 },
      { name: 'Lakewood', lat: 39.7047, lon: -105.0814 },
      { name: 'Arvada', lat: 39.8028, lon: -105.0875 },
      { name: 'Westminster', lat: 39.8367, lon: -105.0372 },
      { name: 'Littleton', lat: 39.6133, lon: -105.0166 },
      { name: 'Thornton', lat: 39.8680, lon: -104.9719 }
    ]
  },
  {
    state: 'GA',
    zipPrefixes: ['303', '300'],
    organizations: ['Peachtree Power Cooperative', 'City of Atlanta Watershed Management', 'Fulton County Broadband'],
    utilities: ['Peachtree Power Cooperative', 'Chattahoochee Electric', 'Piedmont Energy'],
    localities: [
      { name: 'Atlanta', lat: 33.7490, lon: -84.3880 },
      { name: 'Marietta', lat: 33.9526, lon: -84.5499 },
      { name: 'Decatur', lat: 33.7748, lon: -84.2963 },
      { name: 'Sandy Springs', lat: 33.9304, lon: -84.3733 },
      { name: 'Roswell', lat: 34.0232, lon: -84.3616 },
      { name: 'Alpharetta', lat: 34.0754, lon: -84.2941 },
      { name: 'Smyrna', lat: 33.8840, lon: -84.5144 }
    ]
  },
  {
    state: 'AZ',
    zipPrefixes: ['850', '852'],
    organizations: ['Valley Sun Power', 'City of Phoenix Water Services', 'Maricopa Fiber Authority'],
    utilities: ['Valley Sun Power', 'Salt River Energy', 'Sonoran Electric'],
    localities: [
      { name: 'Phoenix', lat: 33.4484, lon: -112.0740 },
      { name: 'Mesa', lat: 33.4152, lon: -111.8315 },
      { name: 'Tempe', lat: 33.4255, lon: -111.9400 },
      { name: 'Scottsdale', lat: 33.4942, lon: -111.9261 },
      { name: 'Chandler', lat: 33.3062, lon: -111.8413 },
      { name: 'Glendale', lat: 33.5387, lon: -112.1860 },
      { name: 'Gilbert', lat: 33.3528, lon: -111.7890 }
    ]
  },
  {
    state: 'WA',
    zipPrefixes: ['981', '980'],
    organizations: ['Puget Electric Utility', 'Seattle Public Utilities District', 'King County Broadband'],
    utilities: ['Puget Electric Utility', 'Cascade Power', 'Snohomish Valley Electric'],
    localities: [
      { name: 'Seattle', lat: 47.6062, lon: -122.3321 },
      { name: 'Bellevue', lat: 47.6101, lon: -122.2015 },
      { name: 'Redmond', lat: 47.6740, lon: -122.1215 },
      { name: 'Kent', lat: 47.3809, lon: -122.2348 },
      { name: 'Renton', lat: 47.4829, lon: -122.2171 },
      { name: 'Everett', lat: 47.9790, lon: -122.2021 },
      { name: 'Tacoma', lat: 47.2529, lon: -122.4443 }
    ]
  },
  {
    state: 'IL',
    zipPrefixes: ['606', '605'],
    organizations: ['Lakeshore Power & Gas', 'City of Chicago Water Management', 'Cook County Fiber Cooperative'],
    utilities: ['Lakeshore Power & Gas', 'Prairie State Electric', 'Fox Valley Energy'],
    localities: [
      { name: 'Chicago', lat: 41.8781, lon: -87.6298 },
      { name: 'Evanston', lat: 42.0451, lon: -87.6877 },
      { name: 'Naperville', lat: 41.7508, lon: -88.1535 },
      { name: 'Oak Park', lat: 41.8850, lon: -87.7845 },
      { name: 'Schaumburg', lat: 42.0334, lon: -88.0834 },
      { name: 'Joliet', lat: 41.5250, lon: -88.0817 },
      { name: 'Aurora', lat: 41.7606, lon: -88.3201 }
    ]
  },
  {
    state: 'FL',
    zipPrefixes: ['336', '337'],
    organizations: ['Tampa Bay Electric Cooperative', 'City of Tampa Water Department', 'Suncoast Fiber'],
    utilities: ['Tampa Bay Electric Cooperative', 'Gulfshore Power', 'Hillsborough Energy'],
    localities: [
      { name: 'Tampa', lat: 27.9506, lon: -82.4572 },
      { name: 'St. Petersburg', lat: 27.7676, lon: -82.6403 },
      { name: 'Clearwater', lat: 27.9659, lon: -82.8001 },
      { name: 'Brandon', lat: 27.9378, lon: -82.2859 },
      { name: 'Largo', lat: 27.9095, lon: -82.7873 },
      { name: 'Wesley Chapel', lat: 28.2397, lon: -82.3279 },
      { name: 'Plant City', lat: 28.0186, lon: -82.1129 }
    ]
  },
  {
    state: 'CA',
    zipPrefixes: ['958', '956'],
    organizations: ['Sacramento Valley Power District', 'City of Elk Grove Utilities', 'Capitol Region Fiber'],
    utilities: ['Sacramento Valley Power District', 'American River Electric', 'Delta Energy'],
    localities: [
      { name: 'Sacramento', lat: 38.5816, lon: -121.4944 },
      { name: 'Elk Grove', lat: 38.4088, lon: -121.3716 },
      { name: 'Roseville', lat: 38.7521, lon: -121.2880 },
      { name: 'Folsom', lat: 38.6780, lon: -121.1761 },
      { name: 'Davis', lat: 38.5449, lon: -121.7405 },
      { name: 'Citrus Heights', lat: 38.7071, lon: -121.2811 },
      { name: 'Rancho Cordova', lat: 38.5891, lon: -121.3027 }
    ]
  },
  {
    state: 'NC',
    zipPrefixes: ['276', '277'],
    organizations: ['Triangle Electric Membership Corporation', 'City of Raleigh Public Utilities', 'Wake County Broadband'],
    utilities: ['Triangle Electric Membership Corporation', 'Neuse River Power', 'Carolina Piedmont Electric'],
    localities: [
      { name: 'Raleigh', lat: 35.7796, lon: -78.6382 },
      { name: 'Durham', lat: 35.9940, lon: -78.8986 },
      { name: 'Cary', lat: 35.7915, lon: -78.7811 },
      { name: 'Chapel Hill', lat: 35.9132, lon: -79.0558 },
      { name: 'Wake Forest', lat: 35.9799, lon: -78.5097 },
      { name: 'Apex', lat: 35.7327, lon: -78.8503 },
      { name: 'Garner', lat: 35.7113, lon: -78.6142 }
    ]
  },
  {
    state: 'MN',
    zipPrefixes: ['554', '551'],
    organizations: ['North Star Power Cooperative', 'Minneapolis Water Works', 'Hennepin Fiber Network'],
    utilities: ['North Star Power Cooperative', 'Twin Cities Electric', 'Mississippi Valley Energy'],
    localities: [
      { name: 'Minneapolis', lat: 44.9778, lon: -93.2650 },
      { name: 'Saint Paul', lat: 44.9537, lon: -93.0900 },
      { name: 'Bloomington', lat: 44.8408, lon: -93.2983 },
      { name: 'Plymouth', lat: 45.0105, lon: -93.4555 },
      { name: 'Eden Prairie', lat: 44.8547, lon: -93.4708 },
      { name: 'Maple Grove', lat: 45.0725, lon: -93.4558 },
      { name: 'Burnsville', lat: 44.7677, lon: -93.2777 }
    ]
  },
  {
    state: 'MO',
    zipPrefixes: ['641', '640'],
    organizations: ['Heartland Power & Light', 'Kansas City Water Services', 'Jackson County Fiber Authority'],
    utilities: ['Heartland Power & Light', 'Missouri River Electric', 'Blue Valley Energy'],
    localities: [
      { name: 'Kansas City', lat: 39.0997, lon: -94.5786 },
      { name: 'Independence', lat: 39.0911, lon: -94.4155 },
      { name: "Lee's Summit", lat: 38.9108, lon: -94.3822 },
      { name: 'Blue Springs', lat: 39.0169, lon: -94.2816 },
      { name: 'Liberty', lat: 39.2461, lon: -94.4191 },
      { name: 'Gladstone', lat: 39.2039, lon: -94.5547 },
      { name: 'Raytown', lat: 39.0086, lon: -94.4636 }
    ]
  }
]

/** Organization `index`'s metro and name: metros in turn, then each metro's next name. */
export function organizationPlace (index: number): { metro: Metro, name: string } {
  const metro = METROS[index % METROS.length]!
  const round = Math.floor(index / METROS.length)
  const name = metro.organizations[round % metro.organizations.length]!
  const repeat = Math.floor(round / metro.organizations.length)
  return { metro, name: repeat === 0 ? name : `${name} ${repeat + 1}` }
}
