"""The gazetteer: places, their spellings in every language, districts and regions."""
