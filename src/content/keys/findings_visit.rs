//! Keys of the visit and money findings (ER, dates, insurance, No Surprises
//! Act, prices, financial assistance, the itemized bill).

use super::keys;

keys! {}
