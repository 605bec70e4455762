
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0314eb21feef6f85': `Nobody is answering video calls right now.`,
's13bd09381977b5d3': `Write to or call the unit.`,
's22e8c36912179d07': str`open until ${0}, ${1}`,
's2624af8e5941bced': `estimated wait 1 minute`,
's280fc6f825b408ee': `Look for the unit's phone and e-mail on the court's website.`,
's2b3640a265341d47': str`The court is closed today: ${0}.`,
's37b44f83911bb589': str`opens tomorrow, ${0}`,
's3c3fa3531fa6e60c': `1 person in line`,
's3ec94f102cacdfed': `Check your internet connection and try again.`,
's401f64b510f40a56': str`${0} people in line`,
's4744a42a89605111': `Checking the opening hours…`,
's53b2507f6805c4f9': `Back`,
's5790a03a5d0effd6': `Meanwhile, contact the unit using the details below.`,
's6563c7e80b85cf07': str`open until ${0}`,
's669b8b17f7de2dbf': str`open until tomorrow, ${0}`,
's67296ba48827f35c': `Open now`,
's6bcc56922322d79f': `Contact the unit`,
's6e1a3caacb8231ac': `Video service available now.`,
's7540114ee265c0d3': `Phone:`,
's86061fdb2fd622d8': `open 24 hours`,
's873909365a66e42d': str`No connection to the server right now. Hours saved on this device on ${0}.`,
'sa12502b49acadfa1': str`opens ${0}, ${1}`,
'sa41a05988a9237a9': `Contact the unit using the details below.`,
'sa66897e896c2a8b7': `Enter the Virtual Counter`,
'saa9a835b7f469d61': `Nobody in line now`,
'sb3dc3e50e76e2756': `No connection to the Virtual Counter.`,
'sb6f1069924f4f35e': `E-mail:`,
'sbcdddfbfd1b4a0a1': `Write to the unit by e-mail.`,
'sc0dd6ef375c75cfe': `Try again`,
'sc2159c92c4e88664': str`Virtual Counter: ${0}`,
'sc93fcc5d8c4b08c4': str`opens today at ${0}`,
'sdc59627c014e7ad4': `This Virtual Counter does not say which unit it is for.`,
'sdd3e4288d807c0ce': `Call the unit.`,
'sddcab20d137df7de': `no video service at the moment`,
'sdf9541dc9aa45437': `Closed`,
'se74ee59e21fbce26': `Video service is not available on this page yet. Meanwhile, the unit answers by phone and e-mail:`,
'se85e3f8753aba418': `no opening date planned`,
'sea4cb1c6e0a3c12d': `Try again in a few minutes.`,
'sea8fae4378d8ab49': `Meanwhile, look for the unit's phone and e-mail on the court's website.`,
'sebd14040412b1c9c': `no estimate yet`,
'sef4315ab29df4172': `The Virtual Counter has a problem and could not show this unit's hours.`,
'sf03213adf7785f55': `We could not find this unit in the Virtual Counter.`,
'sf87ad3233ecfbc87': str`estimated wait ${0} minutes`,
'sfaf4c95cf35e0a58': `Virtual Counter`,
'sfd4eedab2370d6cf': str`Times are in the unit's time zone: ${0}.`,
    };
  