/**
 * Word pools for song titles and artist names, written for this generator (not taken from the
 * data). Combined by `names.ts` into millions of plausible titles and names. A few entries carry
 * accents so the \u escapes and the log mojibake quirk get exercised.
 */

export const NOUNS: readonly string[] = [
  'Love', 'Heart', 'Night', 'Fire', 'Rain', 'Dream', 'Summer', 'River', 'Road', 'Home', 'Light',
  'Shadow', 'Sky', 'Sun', 'Moon', 'Star', 'Ocean', 'Heaven', 'Angel', 'Girl', 'Boy', 'Baby',
  'Friend', 'World', 'City', 'Time', 'Day', 'Morning', 'Midnight', 'Highway', 'Train', 'Song',
  'Dance', 'Blues', 'Soul', 'Mind', 'Eyes', 'Hands', 'Water', 'Wind', 'Storm', 'Winter', 'Spring',
  'Autumn', 'Town', 'Street', 'Window', 'Door', 'Mountain', 'Valley', 'Desert', 'Island', 'Sea',
  'Thunder', 'Lightning', 'Kiss', 'Lies', 'Truth', 'Memory', 'Ghost', 'Devil', 'Paradise', 'Garden',
  'Rose', 'Diamond', 'Gold', 'Silver', 'Money', 'Machine', 'Radio', 'Television', 'Telephone',
  'Letter', 'Promise', 'Secret', 'Story', 'Wonder', 'Freedom', 'Revolution', 'War', 'Peace', 'Glory',
  'Mercy', 'Grace', 'Faith', 'Hope', 'Desire', 'Fever', 'Poison', 'Medicine', 'Sugar', 'Honey',
  'Whiskey', 'Wine', 'Coffee', 'Cigarette', 'Sunday', 'Monday', 'Friday', 'Saturday', 'Tomorrow',
  'Yesterday', 'Forever', 'Nothing', 'Everything', 'Somebody', 'Nobody', 'Stranger', 'Lover',
  'Mother', 'Father', 'Brother', 'Sister', 'Daughter', 'King', 'Queen', 'Prince', 'Soldier',
  'Sailor', 'Cowboy', 'Gypsy', 'Rebel', 'Hero', 'Fool', 'Wolf', 'Tiger', 'Bird', 'Horse', 'Snake',
  'Butterfly', 'Crow', 'Dog', 'Stone', 'Bone', 'Blood', 'Tears', 'Smoke', 'Dust', 'Ashes', 'Glass',
  'Mirror', 'Echo', 'Silence', 'Noise', 'Rhythm', 'Groove', 'Beat', 'Melody', 'Harmony', 'Lullaby',
  'Serenade', 'Anthem', 'Prayer', 'Hymn', 'Sermon', 'Circus', 'Carnival', 'Parade', 'Party',
  'Holiday', 'Vacation', 'Airplane', 'Rocket', 'Satellite', 'Planet', 'Galaxy', 'Universe', 'Space',
  'Ride', 'Journey', 'Escape', 'Return', 'Goodbye', 'Hello', 'Tonight', 'Daylight', 'Sunrise',
  'Sunset', 'Twilight', 'Horizon', 'Border', 'Frontier', 'Harbor', 'Bridge', 'Tower', 'Castle',
  'Kingdom', 'Empire', 'Temple', 'Church', 'Chapel', 'Avenue', 'Boulevard', 'Alley', 'Corner',
];

export const ADJECTIVES: readonly string[] = [
  'Little', 'Sweet', 'Blue', 'Black', 'Golden', 'Broken', 'Lonely', 'Wild', 'Cold', 'Dark',
  'Beautiful', 'Crazy', 'Lost', 'Electric', 'Silver', 'Red', 'Green', 'Empty', 'Endless', 'Secret',
  'Holy', 'Bitter', 'Hungry', 'Lazy', 'Heavy', 'Easy', 'Hard', 'Strange', 'Perfect', 'Simple',
  'Sad', 'Happy', 'Young', 'Old', 'New', 'Last', 'First', 'Final', 'Only', 'Open', 'Hidden',
  'Silent', 'Quiet', 'Loud', 'Bright', 'Burning', 'Falling', 'Rising', 'Running', 'Dancing',
  'Shining', 'Fading', 'Dying', 'Living', 'Flying', 'Sleeping', 'Waking', 'Drunken', 'Naked',
  'Restless', 'Reckless', 'Faithful', 'Careless', 'Fearless', 'Helpless', 'Magic', 'Mystic',
  'Cosmic', 'Atomic', 'Digital', 'Radio', 'Neon', 'Velvet', 'Crystal', 'Paper', 'Plastic', 'Iron',
  'Steel', 'Stone', 'Wooden', 'Rusty', 'Dirty', 'Pretty', 'Ugly', 'Lucky', 'Sacred', 'Savage',
  'Gentle', 'Tender', 'Frozen', 'Northern', 'Southern', 'Western', 'Eastern', 'Midnight', 'Summer',
];

export const VERBS: readonly string[] = [
  'Hold', 'Wake', 'Come', 'Take', 'Give', 'Keep', 'Let', 'Run', 'Walk', 'Fall', 'Stay', 'Dance',
  'Dream', 'Burn', 'Shine', 'Fly', 'Breathe', 'Believe', 'Remember', 'Forget', 'Follow', 'Find',
  'Leave', 'Love', 'Kiss', 'Tell', 'Call', 'Save', 'Hide', 'Cry', 'Shake', 'Move', 'Turn', 'Bring',
  'Carry', 'Touch', 'Feel', 'Need', 'Want', 'Miss', 'Wait', 'Watch', 'Hear', 'Sing', 'Play', 'Ride',
  'Drive', 'Jump', 'Break', 'Light', 'Kill', 'Trust', 'Lead', 'Free', 'Rock', 'Roll', 'Slow',
];

export const PARTICLES: readonly string[] = [
  'On', 'Up', 'Down', 'Away', 'Out', 'Back', 'In', 'Over', 'Home', 'Together', 'Around', 'Along',
];

export const OBJECTS: readonly string[] = [
  'Me', 'You', 'Us', 'Her', 'Him', 'It', 'Them', 'My Hand', 'Your Love', 'The Line', 'The Night',
  'My Heart', 'Your Heart', 'The World', 'This Town', 'The Light', 'Me Down', 'Me Home',
];

export const PRONOUNS: readonly string[] = ['I', 'You', 'We', 'She', 'He', 'They'];

export const POSSESSIVES: readonly string[] = ['My', 'Your', 'Our', 'Her', 'His', 'Their', 'This', 'That'];

export const PREPOSITIONS: readonly string[] = [
  'of', 'in', 'on', 'from', 'for', 'with', 'under', 'over', 'beyond', 'after', 'before', 'without',
];

/** Titles that repeat across unrelated songs (the real catalog has 25 "Intro"s). */
export const COMMON_TITLES: readonly string[] = [
  'Intro', 'Intro', 'Intro', 'Outro', 'Interlude', 'Change', 'Hold On', 'Goodbye', 'Broken',
  'Runaway', 'Smile', 'Crazy', 'Love', 'Midnight', 'Home', 'Wake Up', 'Magic', 'Why', 'Freedom',
  'Fire', 'Without You', 'Untitled', 'Stay', 'Forever', 'Alone', 'Hello', 'Tonight', 'Silent Night',
  'The Christmas Song', 'Amazing Grace', 'Summertime', 'Yesterday', 'Angel', 'Dreams',
];

export const TITLE_SUFFIXES: readonly string[] = [
  '(Album Version)', '(Album Version)', '(Album Version)', '(LP Version)', '(LP Version)',
  '(Live)', '(Live)', '(Remix)', '(Radio Edit)', '(Edit)', '(Edited)', '(Explicit)',
  '(Instrumental)', '(Acoustic)', '(Demo)', '(Original Mix)', '(Extended Mix)', '(Club Mix)',
  '(Single Version)', '(Mono)', '(Stereo)', '(Bonus Track)', '(Reprise)', '(Interlude)',
  '(Remastered)', '(Live At The BBC)', '(Unplugged)', '(Dub)', '(Alternate Take)', '(b-side)',
];

/** Spanish, Portuguese, French and German words, several with accents. */
export const FOREIGN_WORDS: readonly string[] = [
  'corazón', 'canción', 'mañana', 'sueño', 'pasión', 'adiós', 'jamás', 'también', 'música',
  'amor', 'noche', 'vida', 'luna', 'fuego', 'camino', 'mar', 'cielo', 'tierra', 'alma', 'olvido',
  'coração', 'saudade', 'canção', 'não', 'são', 'lágrimas', 'verão', 'estrela',
  'été', 'rêve', 'déjà', 'fenêtre', 'mélodie', 'première', 'soleil', 'chanson', 'cœur', 'amitié',
  'für', 'schön', 'grün', 'über', 'träume', 'mädchen', 'nacht', 'liebe', 'müde', 'blümchen',
];

export const FOREIGN_ARTICLES: readonly string[] = [
  'La', 'El', 'Mi', 'Tu', 'Los', 'Las', 'Le', 'Les', 'Mon', 'Ma', 'Die', 'Der', 'Das', 'O', 'A',
];

export const FIRST_NAMES_FEMALE: readonly string[] = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah',
  'Karen', 'Nancy', 'Lisa', 'Betty', 'Sandra', 'Ashley', 'Kimberly', 'Emily', 'Donna', 'Michelle',
  'Carol', 'Amanda', 'Melissa', 'Deborah', 'Stephanie', 'Rebecca', 'Laura', 'Sharon', 'Cynthia',
  'Kathleen', 'Amy', 'Angela', 'Anna', 'Brenda', 'Pamela', 'Emma', 'Nicole', 'Helen', 'Samantha',
  'Katherine', 'Christine', 'Rachel', 'Carolyn', 'Janet', 'Maria', 'Olivia', 'Heather', 'Julie',
  'Joyce', 'Victoria', 'Kelly', 'Lauren', 'Christina', 'Joan', 'Evelyn', 'Judith', 'Megan',
  'Cheryl', 'Andrea', 'Hannah', 'Jacqueline', 'Martha', 'Gloria', 'Teresa', 'Ann', 'Sara',
  'Madison', 'Frances', 'Kathryn', 'Janice', 'Jean', 'Abigail', 'Alice', 'Judy', 'Sophia', 'Grace',
  'Denise', 'Amber', 'Doris', 'Marilyn', 'Danielle', 'Beverly', 'Isabella', 'Theresa', 'Diana',
  'Natalie', 'Brittany', 'Charlotte', 'Marie', 'Kayla', 'Alexis', 'Lori', 'Chloe', 'Layla', 'Ava',
  'Mia', 'Harper', 'Aubrey', 'Zoe', 'Riley', 'Lily', 'Avery', 'Kaylee', 'Jayden', 'Sienna',
];

export const FIRST_NAMES_MALE: readonly string[] = [
  'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas',
  'Charles', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Donald', 'Steven', 'Paul',
  'Andrew', 'Joshua', 'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Edward', 'Jason',
  'Jeffrey', 'Ryan', 'Jacob', 'Gary', 'Nicholas', 'Eric', 'Jonathan', 'Stephen', 'Larry', 'Justin',
  'Scott', 'Brandon', 'Benjamin', 'Samuel', 'Gregory', 'Alexander', 'Frank', 'Patrick', 'Raymond',
  'Jack', 'Dennis', 'Jerry', 'Tyler', 'Aaron', 'Jose', 'Adam', 'Nathan', 'Henry', 'Douglas',
  'Zachary', 'Peter', 'Kyle', 'Ethan', 'Walter', 'Noah', 'Jeremy', 'Christian', 'Keith', 'Roger',
  'Terry', 'Gerald', 'Harold', 'Sean', 'Austin', 'Carl', 'Arthur', 'Lawrence', 'Dylan', 'Jesse',
  'Jordan', 'Bryan', 'Billy', 'Joe', 'Bruce', 'Gabriel', 'Logan', 'Albert', 'Willie', 'Alan',
  'Juan', 'Wayne', 'Elijah', 'Randy', 'Roy', 'Vincent', 'Ralph', 'Eugene', 'Russell', 'Bobby',
  'Mason', 'Philip', 'Louis', 'Liam', 'Caleb', 'Wyatt', 'Cooper', 'Colin', 'Emmett', 'Theo',
];

/** Extra first names for artists, including a few with accents. */
export const ARTIST_FIRST_NAMES: readonly string[] = [
  'Johnny', 'Willie', 'Ray', 'Otis', 'Etta', 'Nina', 'Aretha', 'Marvin', 'Curtis', 'Buddy', 'Hank',
  'Dolly', 'Loretta', 'Patsy', 'Merle', 'Waylon', 'Bonnie', 'Stevie', 'Lou', 'Iggy', 'Nick',
  'Tom', 'Neil', 'Joni', 'Bob', 'Van', 'Leonard', 'Emmylou', 'Gram', 'Townes', 'Lucinda', 'Ani',
  'Björn', 'José', 'Zoë', 'Renée', 'Chloé', 'Inés', 'Raúl', 'Sinéad', 'Andrés', 'Mónica', 'Jürgen',
  'Amélie', 'Joël', 'Léa', 'François', 'Héctor',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore',
  'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen',
  'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell',
  'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards',
  'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez',
  'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim',
  'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray',
  'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long',
  'Ross', 'Foster', 'Jimenez', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman',
  'Butler', 'Henderson', 'Barnes', 'Gonzales', 'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan',
  'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds', 'Griffin', 'Wallace', 'Moreno', 'West',
  'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina', 'Aguilar', 'Stevens',
  'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison', 'Fernandez', 'McDonald', 'Woods',
  'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman', 'Webb', 'Tucker', 'Guzman',
  'Burns', 'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter', 'Gordon', 'Mendez', 'Silva', 'Shaw',
  'Snyder', 'Mason', 'Dixon', 'Munoz', 'Hunt', 'Hicks', 'Holmes', 'Palmer', 'Wagner', 'Black',
  'Robertson', 'Boyd', 'Rose', 'Stone', 'Salazar', 'Fox', 'Warren', 'Mills', 'Meyer', 'Rice',
  'Schmidt', 'Garza', 'Daniels', 'Ferguson', 'Nichols', 'Stephens', 'Soto', 'Weaver', 'Ryan', 'Gardner',
  'Payne', 'Grant', 'Dunn', 'Kelley', 'Spencer', 'Hawkins', 'Arnold', 'Pierce', 'Vazquez', 'Hansen',
  'Peters', 'Santos', 'Hart', 'Bradley', 'Knight', 'Elliott', 'Cunningham', 'Duncan', 'Armstrong',
  'Hudson', 'Carroll', 'Lane', 'Riley', 'Andrews', 'Alvarado', 'Ray', 'Delgado', 'Berry', 'Perkins',
  'Hoffman', 'Johnston', 'Matthews', 'Pena', 'Richards', 'Contreras', 'Willis', 'Carpenter', 'Lawrence',
  'Sandoval', 'Lindqvist', 'Müller', 'Núñez', 'Sánchez',
  'Gröning', 'Brontë', 'Ólafsson', 'Françoise', 'Dvořák',
];

export const BAND_PLURALS: readonly string[] = [
  'Wolves', 'Kings', 'Tigers', 'Birds', 'Ghosts', 'Machines', 'Horses', 'Lovers', 'Strangers',
  'Saints', 'Sisters', 'Brothers', 'Rebels', 'Pilots', 'Killers', 'Keys', 'Stones', 'Drifters',
  'Ramblers', 'Shadows', 'Angels', 'Devils', 'Monkeys', 'Foxes', 'Bears', 'Lions', 'Crows',
  'Ravens', 'Sparrows', 'Hawks', 'Eagles', 'Owls', 'Bees', 'Spiders', 'Snakes', 'Sharks', 'Whales',
  'Robots', 'Astronauts', 'Cowboys', 'Pirates', 'Vampires', 'Zombies', 'Wizards', 'Knights',
  'Soldiers', 'Sailors', 'Preachers', 'Poets', 'Thieves', 'Gamblers', 'Outlaws', 'Romantics',
  'Hearts', 'Hands', 'Bones', 'Flowers', 'Roses', 'Daisies', 'Diamonds', 'Jewels', 'Satellites',
  'Comets', 'Planets', 'Stars', 'Suns', 'Waves', 'Rivers', 'Mountains', 'Trees', 'Leaves', 'Lights',
  'Cherries', 'Peaches', 'Lemons', 'Crickets', 'Beatniks', 'Boys', 'Girls', 'Kids', 'Twins', 'Ladies',
];

export const BAND_NOUNS: readonly string[] = [
  'Band', 'Orchestra', 'Quartet', 'Trio', 'Collective', 'Project', 'Experience', 'Ensemble',
  'Society', 'Club', 'Choir', 'Revue', 'Army', 'Machine', 'Factory', 'Company', 'Parade', 'Circus',
  'Union', 'Alliance', 'Syndicate', 'Brigade', 'Crew', 'Posse', 'Family', 'Tribe', 'Sound', 'System',
];

export const SYLLABLES: readonly string[] = [
  'ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'zel', 'dra', 'mon', 'vi', 'lu', 'sen', 'tal', 'ko', 'ne',
  'ri', 'sha', 'bel', 'dor', 'an', 'ex', 'ta', 'phi', 'les', 'go', 'bra', 'xi', 'qua', 'rum', 'pel',
  'sto', 'nix', 'vo', 'da', 'kin', 'sol', 'mar', 'tek', 'nu', 'cy', 'bo', 'fu', 'zo', 'gri', 'lin',
];

export const ARTIST_PREFIXES: readonly string[] = [
  'DJ', 'MC', 'Lil', 'Dr.', 'Big', 'Young', 'Los', 'Die', 'Les', 'Sir', 'Lady', 'Captain', 'Mister',
];

/** Joiners seen in multi-artist credits (the "_ " one is the real data's comma sanitisation). */
export const CREDIT_JOINERS: readonly string[] = [
  ' featuring ', ' Featuring ', ' feat. ', ' / ', '/', ' & ', ' and ', ' + ', ' vs. ', ' with ', '_ ',
];
